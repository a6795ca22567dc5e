// A small JSON Schema validator, enough for docs/feed.schema.json (no dependency): type
// (one or a list, "integer" included), const, enum, pattern, minLength, minimum, maximum,
// required, properties, additionalProperties: false, items, anyOf and local $ref
// ("#/$defs/x"). Anything else in a schema is an error, so a keyword the schema relies on
// is never skipped silently.
// Usage: node jsonschema.mjs SCHEMA FILE...   (exit 1 and the first problems when invalid)
import { readFileSync } from 'node:fs';

const KNOWN = new Set(['$schema', '$id', '$defs', '$ref', 'title', 'description', 'type', 'const', 'enum',
	'pattern', 'minLength', 'minimum', 'maximum', 'required', 'properties', 'additionalProperties', 'items',
	'anyOf']);

function typeOf(v) {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'array';
	if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
	return typeof v;
}

function typeMatches(want, got) {
	return want === got || (want === 'number' && got === 'integer');
}

export function validate(root, schema, value, path = '$', errors = []) {
	for (const k of Object.keys(schema)) {
		if (!KNOWN.has(k)) throw new Error(`jsonschema: keyword ${k} not supported (at ${path})`);
	}
	if (schema.$ref) {
		const m = /^#\/\$defs\/(.+)$/.exec(schema.$ref);
		if (!m || !root.$defs[m[1]]) throw new Error(`jsonschema: bad $ref ${schema.$ref}`);
		validate(root, root.$defs[m[1]], value, path, errors);
	}
	const t = typeOf(value);
	if (schema.type !== undefined) {
		const types = Array.isArray(schema.type) ? schema.type : [schema.type];
		if (!types.some((w) => typeMatches(w, t))) {
			errors.push(`${path}: ${t} where ${types.join(' or ')} is wanted`);
			return errors;
		}
	}
	if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) {
		errors.push(`${path}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
	}
	if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
		errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
	}
	if (t === 'string') {
		if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) {
			errors.push(`${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
		}
		if (schema.minLength !== undefined && [...value].length < schema.minLength) {
			errors.push(`${path}: shorter than ${schema.minLength}`);
		}
	}
	if (t === 'integer' || t === 'number') {
		if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
		if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
	}
	if (t === 'object') {
		for (const r of schema.required || []) {
			if (!(r in value)) errors.push(`${path}: ${r} is required`);
		}
		const props = schema.properties || {};
		for (const [k, v] of Object.entries(value)) {
			if (props[k]) validate(root, props[k], v, `${path}.${k}`, errors);
			else if (schema.additionalProperties === false) errors.push(`${path}: ${k} is not in the spec`);
		}
	}
	if (t === 'array' && schema.items) {
		value.forEach((v, i) => validate(root, schema.items, v, `${path}[${i}]`, errors));
	}
	if (schema.anyOf) {
		const tries = schema.anyOf.map((s) => validate(root, s, value, path, []));
		if (!tries.some((e) => e.length === 0)) {
			// The branch that came nearest says why.
			const best = tries.reduce((a, b) => (b.length < a.length ? b : a));
			errors.push(...best);
		}
	}
	return errors;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const [schemaFile, ...files] = process.argv.slice(2);
	const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
	let bad = 0;
	for (const f of files) {
		const errors = validate(schema, schema, JSON.parse(readFileSync(f, 'utf8')));
		if (errors.length) {
			bad++;
			console.log(`${f}: ${errors.length} problem(s)`);
			for (const e of errors.slice(0, 5)) console.log(`  ${e}`);
		}
	}
	process.exit(bad ? 1 : 0);
}
