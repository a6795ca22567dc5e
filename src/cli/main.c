/* main: finds the subcommand in the registry (commands.c) and runs it. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: hearth COMMAND ...   (hearth help lists the commands)\n");
		return EXIT_USAGE;
	}
	for (int i = 0; i < cli_command_count; i++) {
		if (strcmp(cli_commands[i].name, argv[1]) == 0) {
			cli_set_command(argv[1]);
			return cli_commands[i].run(argc - 1, argv + 1);
		}
	}
	fprintf(stderr, "hearth: no command '%s' (hearth help lists the commands)\n", argv[1]);
	return EXIT_USAGE;
}
