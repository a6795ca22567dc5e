// The hostile-input catalogue: every request here is sent to a live `hearth serve` on the
// demo county by run.mjs, and must get the answer written beside it. Each case:
//   name     what it tries
//   as       who sends it: null (nobody signed in) or a role (a test user of that role)
//   raw      the request's exact bytes (a function of the context), for what fetch cannot send;
//   or method, path, headers ({}), body (string), csrf ('own' default on POST/DELETE, 'none',
//            'foreign': another user's token, or a literal), cookie ('own' default; or a string)
//   expect   a status (400), a class ('4xx'), or a list of statuses; 'closed' means the server
//            may close without an answer (what libmicrohttpd does to a request line it cannot
//            parse), but must never answer 5xx
//   absent   strings the answer (headers and body) must not contain
//   location a test the Location header must pass (a redirect must stay on this server)
//   json     the answer echoes the input inside JSON: it must be application/json with
//            X-Content-Type-Options: nosniff, so no browser renders it as a page
// A 5xx fails a case unless the catalogue names it: 505 is the answer for an HTTP version
// other than 1.x (README, "What one client may take").
// The context (ctx) gives the child in the sender's scope (ctx.child), one outside it
// (ctx.outChild), a record id (ctx.visit) and a host. Nothing here may change the record:
// run.mjs checks every table's checksum before and after the whole catalogue.
const SCRIPT = '<script>alert(1)</script>';
const MARKUP = [SCRIPT, '"><img src=x onerror=alert(1)>', "'><svg/onload=alert(1)>", '<iframe src=javascript:alert(1)>'];
const SQL = ["' OR '1'='1", "'; DROP TABLE child; --", '%', '_', '%%', '\\', "O'Brien", '" OR ""="', '1 UNION SELECT password_hash FROM app_user',
	"%' OR 1=1 --", '[a-z]%', '*', "\\%", 'ESCAPE', ';'];
const enc = encodeURIComponent;

const cases = [];
const add = (c) => cases.push(c);

// ---- malformed request lines and headers (raw) ----
const line = (l, extra = '', body = '') => ({ raw: (x) => `${l}\r\nHost: ${x.host}\r\n${extra}Connection: close\r\n\r\n${body}` });
add({ name: 'request line: no version', ...line('GET /'), expect: ['closed', '4xx'] });
add({ name: 'request line: HTTP/2.0', ...line('GET / HTTP/2.0'), expect: [505, 'closed', '4xx'] });
add({ name: 'request line: HTTP/9.9', ...line('GET / HTTP/9.9'), expect: [505, 'closed', '4xx'] });
add({ name: 'request line: lower-case method', ...line('get / HTTP/1.1'), expect: ['4xx', 'closed'] });
add({ name: 'request line: unknown method', ...line('BREW /api/children HTTP/1.1'), expect: '4xx' });
add({ name: 'request line: TRACE', ...line('TRACE / HTTP/1.1'), expect: '4xx' });
add({ name: 'request line: CONNECT', ...line('CONNECT evil.example:443 HTTP/1.1'), expect: ['4xx', 'closed'] });
add({ name: 'request line: absolute URI to another host', ...line('GET http://evil.example/ HTTP/1.1'), expect: ['4xx', 'closed'] });
add({ name: 'request line: asterisk target', ...line('OPTIONS * HTTP/1.1'), expect: ['4xx', 'closed'] });
add({ name: 'request line: empty target', ...line('GET  HTTP/1.1'), expect: ['4xx', 'closed'] });
add({ name: 'request line: NUL in the path', ...line('GET /api\0/children HTTP/1.1'), expect: [400, 'closed'] });
add({ name: 'request line: tab in the path', ...line('GET /api/\tchildren HTTP/1.1'), expect: [400, 'closed'] });
add({ name: 'request line: DEL in the path', ...line('GET /api/\x7fchildren HTTP/1.1'), expect: [400, 'closed'] });
add({ name: 'request line: raw 8-bit bytes in the path', ...line('GET /children/\xff\xfe HTTP/1.1'), expect: [400, 'closed'] });
add({ name: 'request line: bare LF line ends', raw: (x) => `GET / HTTP/1.1\nHost: ${x.host}\nConnection: close\n\n`, expect: ['3xx', '4xx', 'closed'] });
add({ name: 'request line: only CRLFs', raw: () => '\r\n\r\n\r\n', expect: ['closed', '4xx'] });
add({ name: 'request line: binary garbage', raw: () => '\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03', expect: ['closed', '4xx'] });
add({ name: 'request line: HTTP/1.1 without Host', raw: () => 'GET /api/openapi.json HTTP/1.1\r\nConnection: close\r\n\r\n', expect: 400 });
add({ name: 'request line: two Host headers', raw: (x) => `GET /api/openapi.json HTTP/1.1\r\nHost: ${x.host}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`, expect: 400 });
add({ name: 'header: no colon', ...line('GET /api/openapi.json HTTP/1.1', 'Bogus header line\r\n'), expect: ['4xx', 'closed'] });
add({ name: 'header: NUL in a value', ...line('GET /api/openapi.json HTTP/1.1', 'X-A: a\0b\r\n'), expect: ['2xx', '4xx', 'closed'] });
add({ name: 'header: obsolete line folding', ...line('GET /api/openapi.json HTTP/1.1', 'X-A: a\r\n  b\r\n'), expect: ['2xx', '4xx', 'closed'] });
add({ name: 'header: space before the colon', ...line('GET /api/openapi.json HTTP/1.1', 'X-A : b\r\n'), expect: ['2xx', '4xx', 'closed'] });
add({ name: 'header: negative Content-Length', ...line('POST /api/session HTTP/1.1', 'Content-Type: application/json\r\nContent-Length: -1\r\n'), expect: ['4xx', 'closed'] });
add({ name: 'header: huge Content-Length', ...line('POST /api/session HTTP/1.1', 'Content-Type: application/json\r\nContent-Length: 99999999999999999999\r\n'), expect: ['4xx', 'closed'] });
add({ name: 'header: two different Content-Lengths', raw: (x) => `POST /api/session HTTP/1.1\r\nHost: ${x.host}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 40\r\nConnection: close\r\n\r\n{}`, expect: ['4xx', 'closed'] });
add({ name: 'header: chunked and Content-Length (smuggling)', raw: (x) => `POST /api/session HTTP/1.1\r\nHost: ${x.host}\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\nGET /api/users HTTP/1.1\r\nHost: ${x.host}\r\n\r\n`, expect: ['4xx', 'closed'], absent: ['"users"'] });
add({ name: 'header: bad chunk size', raw: (x) => `POST /api/session HTTP/1.1\r\nHost: ${x.host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`, expect: ['4xx', 'closed'] });
add({ name: 'header: unknown Transfer-Encoding', raw: (x) => `POST /api/session HTTP/1.1\r\nHost: ${x.host}\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\n{}`, expect: ['4xx', 'closed'] });
add({ name: 'body: cut short (Content-Length larger than sent)', raw: (x) => `POST /api/session HTTP/1.1\r\nHost: ${x.host}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"username":`, expect: ['4xx', 'closed'], halfClose: true });
add({ name: 'body: on a GET', ...line('GET /api/openapi.json HTTP/1.1', 'Content-Length: 5\r\n', 'hello'), expect: '4xx' });

// ---- oversized (README: target 4,096; line and headers 16 KiB; 32 KiB connection memory) ----
add({ name: 'oversized: target of 4,097 bytes', method: 'GET', path: '/' + 'a'.repeat(4096), expect: 400 });
add({ name: 'oversized: target of 9 KiB', method: 'GET', path: '/' + 'a'.repeat(9 * 1024), expect: [414, 400] });
add({ name: 'oversized: target of 40 KiB', method: 'GET', path: '/' + 'a'.repeat(40 * 1024), expect: [414, 400, 431, 'closed'] });
add({ name: 'oversized: query of 5,000 bytes', method: 'GET', path: '/api/children?q=' + 'x'.repeat(5000), as: 'social_worker', expect: 400 });
add({ name: 'oversized: one header of 17 KiB', method: 'GET', path: '/api/openapi.json', headers: { 'X-Big': 'b'.repeat(17 * 1024) }, expect: [431, 'closed'] });
add({ name: 'oversized: headers of 40 KiB', method: 'GET', path: '/api/openapi.json', headers: Object.fromEntries([...Array(40)].map((_, i) => [`X-H${i}`, 'h'.repeat(1000)])), expect: [431, 'closed'] });
add({ name: 'oversized: 1,000 small headers', method: 'GET', path: '/api/openapi.json', headers: Object.fromEntries([...Array(1000)].map((_, i) => [`X${i}`, '1'])), expect: [431, 'closed'] });
add({ name: 'oversized: sign-in body over 4 KiB', method: 'POST', path: '/api/session', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'u'.repeat(5000), password: 'p' }), expect: 413 });
add({ name: 'oversized: visit body over its limit (2 MiB)', as: 'social_worker', method: 'POST', path: (x) => `/api/children/${x.child}/visits`, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ visit_date: '2026-03-30', kind: 'cin', seen: true, seen_alone: false, child_said: 'x'.repeat(2 << 20) }), expect: [413, 400] });
add({ name: 'oversized: a note body over 100,000 characters', as: 'social_worker', method: 'POST', path: (x) => `/api/children/${x.child}/notes`, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ note_date: '2026-03-30', kind: 'case_note', child_voice: false, body: 'y'.repeat(100001) }), expect: [400, 413] });
add({ name: 'oversized: page form over 64 KiB', as: 'social_worker', method: 'POST', path: (x) => `/children/${x.child}/notes`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'body=' + 'z'.repeat(70000), csrf: 'form', expect: 413 });
add({ name: 'oversized: draft over its limit', as: 'social_worker', method: 'POST', path: '/drafts', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'x=' + 'z'.repeat(70000), csrf: 'form', expect: 413 });
add({ name: 'oversized: 100 query parameters', as: 'social_worker', method: 'GET', path: '/api/children?' + [...Array(100)].map((_, i) => `p${i}=1`).join('&'), expect: 400 });
add({ name: 'oversized: form with 200 fields', as: 'social_worker', method: 'POST', path: (x) => `/children/${x.child}/notes`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: [...Array(200)].map((_, i) => `f${i}=1`).join('&'), csrf: 'form', expect: 400 });

// ---- JSON: truncated, nested, wrongly typed ----
const visitPath = (x) => `/api/children/${x.child}/visits`;
const notePath = (x) => `/api/children/${x.child}/notes`;
const json = (name, body, expect = 400, path = visitPath, as = 'social_worker') =>
	add({ name: `json: ${name}`, as, method: 'POST', path, headers: { 'Content-Type': 'application/json' }, body, expect });
const visit = (o) => JSON.stringify({ visit_date: '2026-03-30', kind: 'cin', seen: true, seen_alone: false, child_said: 'ok', ...o });
const note = (o) => JSON.stringify({ note_date: '2026-03-30', kind: 'case_note', child_voice: false, body: 'ok', ...o });
const full = visit({});
for (const cut of [1, 5, 20, full.length - 1]) json(`a visit cut to ${cut} bytes`, full.slice(0, cut));
json('empty body', '');
json('whitespace only', '   \n');
json('nested arrays 10,000 deep', '['.repeat(10000) + ']'.repeat(10000));
json('nested objects 10,000 deep', '{"a":'.repeat(10000) + '1' + '}'.repeat(10000));
json('nested value 500 deep in a field', visit({ child_said: 'X' }).replace('"X"', '['.repeat(500) + ']'.repeat(500)));
json('unclosed string', '{"visit_date":"2026-03-30');
json('trailing garbage', full + 'x');
json('two objects', full + full);
json('a JSON array', '[' + full + ']');
json('a JSON string', '"visit"');
json('a JSON number', '42');
json('null', 'null');
json('true', 'true');
json('single quotes', "{'visit_date':'2026-03-30'}");
json('unquoted keys', '{visit_date:"2026-03-30"}');
json('comments', '{/* c */"visit_date":"2026-03-30"}');
json('NaN', visit({}).replace('true', 'NaN'));
json('Infinity', visit({}).replace('true', 'Infinity'));
json('duplicate keys', '{"kind":"cin","kind":"cla","visit_date":"2026-03-30","seen":true,"seen_alone":false}');
json('\\u0000 in a value', visit({ child_said: 'a\u0000b' }));
json('\\u0000 in a key', '{"visit\\u0000_date":"2026-03-30"}');
json('lone surrogate escape', visit({}).replace('"ok"', '"\\ud800"'));
json('invalid UTF-8 bytes', Buffer.concat([Buffer.from(visit({}).slice(0, -2)), Buffer.from([0xff, 0xfe, 0x22, 0x7d])]));
json('overlong UTF-8 slash', Buffer.concat([Buffer.from('{"child_said":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]));
json('UTF-8 BOM before the object', '\ufeff' + full);
json('seen as a string', visit({ seen: 'yes' }));
json('seen as a number', visit({ seen: 1 }));
json('visit_date as a number', visit({ visit_date: 20260330 }));
json('visit_date as an object', visit({ visit_date: { y: 2026 } }));
json('kind as an array', visit({ kind: ['cin'] }));
json('child_said as an object', visit({ child_said: { t: 'x' } }));
json('worker_id as a string', visit({ worker_id: '1' }));
json('worker_id as a float', visit({ worker_id: 1.5 }));
json('worker_id 1e400', visit({}).replace('{', '{"worker_id":1e400,'));
json('worker_id beyond int64', visit({}).replace('{', '{"worker_id":99999999999999999999999,'));
json('worker_id negative', visit({ worker_id: -1 }));
json('worker_id of no worker', visit({ worker_id: 999999999 }), '4xx');
json('unknown field', visit({ colour: 'blue' }));
json('child_id in the body', visit({ child_id: 1 }));
json('id in the body', visit({ id: 1 }));
json('__proto__ key', visit({}).replace('{', '{"__proto__":{"admin":true},'));
json('unknown code', visit({ kind: 'zzz' }));
json('code in the wrong case', visit({ kind: 'CIN' }));
json('code with a space', visit({ kind: 'cin ' }));
json('note kind SQL', note({ kind: "case_note' OR '1'='1" }), 400, notePath);
json('note body NUL', note({ body: 'a\u0000b' }), 400, notePath);
json('note body control characters', note({ body: 'a\u0007\u001bb' }), 400, notePath);
json('note without a date', note({ note_date: undefined }), 400, notePath);
json('allocation without worker', JSON.stringify({ start_date: '2026-03-30' }), '4xx', (x) => `/api/children/${x.child}/allocations`, 'team_manager');
json('allocation worker as text', JSON.stringify({ worker_id: 'W1', start_date: '2026-03-30' }), 400, (x) => `/api/children/${x.child}/allocations`, 'team_manager');
json('sign-in username as a number', JSON.stringify({ username: 1, password: 'x' }), 400, '/api/session', null);
json('sign-in password as an array', JSON.stringify({ username: 'a', password: ['x'] }), 400, '/api/session', null);
json('sign-in with no password', JSON.stringify({ username: 'a' }), 400, '/api/session', null);
json('sign-in extra field', JSON.stringify({ username: 'a', password: 'b', role: 'admin' }), 400, '/api/session', null);
add({ name: 'json: text/plain content type', as: 'social_worker', method: 'POST', path: visitPath, headers: { 'Content-Type': 'text/plain' }, body: full, expect: 415 });
add({ name: 'json: form content type on the API', as: 'social_worker', method: 'POST', path: visitPath, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'visit_date=2026-03-30', expect: 415 });
add({ name: 'json: no content type', as: 'social_worker', method: 'POST', path: visitPath, headers: {}, body: full, expect: 415 });
add({ name: 'json: charset latin1', as: 'social_worker', method: 'POST', path: visitPath, headers: { 'Content-Type': 'application/json; charset=latin1' }, body: full, expect: 415 });

// ---- impossible dates ----
for (const d of ['2026-02-29', '2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32', '0000-01-01', '9999-12-31',
	'99999-01-01', '-2026-01-01', '2026-1-1', '26-01-01', '2026/01/01', '01/01/2026', '2026-01-01T00:00Z', ' 2026-01-01', '2026-01-01 ',
	'2026-٠١-٠١', '1850-01-01']) {
	json(`impossible or foreign date ${JSON.stringify(d)}`, visit({ visit_date: d }), '4xx');
}
for (const d of ['2026-02-30', 'yesterday', '2026-13-01', '%00', "2026-01-01' OR '1'='1"]) {
	add({ name: `date query as_at=${d}`, as: 'social_worker', method: 'GET', path: `/api/due?as_at=${enc(d)}`, expect: 400 });
	add({ name: `date query dob=${d}`, as: 'social_worker', method: 'GET', path: `/api/children?dob=${enc(d)}`, expect: 400 });
}
add({ name: 'page form: impossible date boxes', as: 'social_worker', method: 'POST', path: (x) => `/children/${x.child}/notes`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'note_date-day=31&note_date-month=2&note_date-year=2026&kind=case_note&body=x', csrf: 'form', expect: ['4xx', 200] , absent: [] , noChange: true });

// ---- SQL and LIKE metacharacters in every search field ----
for (const s of SQL) {
	add({ name: `search api q=${s}`, as: 'social_worker', method: 'GET', path: `/api/children?q=${enc(s)}`, expect: [200, 400], absent: ['SQLITE', 'syntax error', 'sqlite3'], noRows: s.includes('%') || s.includes('_') || s.includes("'") });
	add({ name: `search page q=${s}`, as: 'social_worker', method: 'GET', path: `/search?q=${enc(s)}`, expect: [200, 400], absent: ['SQLITE', 'syntax error', 'sqlite3'] });
}
for (const s of ["' OR 1=1 --", '%', '1; DROP TABLE visit']) {
	add({ name: `team page team=${s}`, as: 'team_manager', method: 'GET', path: `/team?team=${enc(s)}`, expect: '4xx' });
	add({ name: `due page who=${s}`, as: 'social_worker', method: 'GET', path: `/due?who=${enc(s)}`, expect: ['4xx', 200], absent: ['SQLITE', 'syntax error'] });
	add({ name: `child id ${s}`, as: 'social_worker', method: 'GET', path: `/api/children/${enc(s)}`, expect: [400, 404] });
	add({ name: `limit=${s}`, as: 'social_worker', method: 'GET', path: `/api/children?limit=${enc(s)}`, expect: 400 });
	add({ name: `record kind ${s}`, as: 'social_worker', method: 'GET', path: (x) => `/children/${x.child}/records/${enc(s)}/new`, expect: [400, 404] });
	add({ name: `sign-in username ${s}`, as: null, method: 'POST', path: '/api/session', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: s, password: s }), expect: 401 });
}
add({ name: 'limit=-1', as: 'social_worker', method: 'GET', path: '/api/children?limit=-1', expect: 400 });
add({ name: 'limit=1e9', as: 'social_worker', method: 'GET', path: '/api/children?limit=1000000000', expect: 400 });
add({ name: 'offset=-5', as: 'social_worker', method: 'GET', path: '/api/children?offset=-5', expect: 400 });
add({ name: 'offset beyond int64', as: 'social_worker', method: 'GET', path: '/api/children?offset=99999999999999999999', expect: 400 });
add({ name: 'child id beyond int64', as: 'social_worker', method: 'GET', path: '/api/children/99999999999999999999', expect: [400, 404] });
add({ name: 'child id 0', as: 'social_worker', method: 'GET', path: '/api/children/0', expect: [400, 404] });
add({ name: 'child id negative', as: 'social_worker', method: 'GET', path: '/api/children/-1', expect: [400, 404] });
add({ name: 'child id hex', as: 'social_worker', method: 'GET', path: '/api/children/0x10', expect: [400, 404] });
add({ name: 'an unknown query parameter', as: 'social_worker', method: 'GET', path: '/api/children?admin=1', expect: 400 });
add({ name: 'a repeated query parameter', as: 'social_worker', method: 'GET', path: '/api/children?q=a&q=b', expect: 400 });

// ---- markup, rendered escaped (reflected) or refused (stored) ----
for (const m of MARKUP) {
	add({ name: `markup in the search box: ${m}`, as: 'social_worker', method: 'GET', path: `/search?q=${enc(m)}`, expect: [200, 400], absent: [m] });
	add({ name: `markup in sign-in return: ${m}`, as: null, method: 'GET', path: `/sign-in?return=${enc('/' + m)}`, expect: [200, 400], absent: [m] });
	add({ name: `markup in a path: ${m}`, as: 'social_worker', method: 'GET', path: `/children/${enc(m)}`, expect: [400, 404], absent: [m] });
	add({ name: `markup in a record kind: ${m}`, as: 'social_worker', method: 'GET', path: (x) => `/children/${x.child}/records/${enc(m)}/new`, expect: [400, 404], absent: [m] });
	add({ name: `markup in a refused visit's text: ${m}`, as: 'social_worker', method: 'POST', path: visitPath, headers: { 'Content-Type': 'application/json' }, body: visit({ visit_date: '2026-02-30', child_said: m }), expect: 400, absent: [m] });
	add({ name: `markup in a refused note page form: ${m}`, as: 'social_worker', method: 'POST', path: (x) => `/children/${x.child}/notes`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `note_date-day=30&note_date-month=2&note_date-year=2026&kind=case_note&body=${enc(m)}`, csrf: 'form', expect: ['4xx', 200], absent: [m], noChange: true });
	add({ name: `markup as a username: ${m}`, as: null, method: 'POST', path: '/sign-in', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `username=${enc(m)}&password=x`, expect: ['4xx', 200], absent: [m] });
	add({ name: `markup in a field name: ${m}`, as: 'social_worker', method: 'POST', path: visitPath, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ [m]: 1 }), expect: 400, json: true });
}

// ---- invalid UTF-8 and NUL in targets and forms ----
for (const p of ['/api/children?q=%00', '/api/children?q=%FF', '/api/children?q=%C0%AF', '/api/children?q=%ED%A0%80', '/api/children?q=%F4%90%80%80',
	'/api/children?q=%E2%82', '/api/children?q=%', '/api/children?q=%4', '/api/children?q=%zz', '/api/children?q=%0D%0A', '/api/children%00.json',
	'/search?q=a%00b', '/search?q=%1B%5B31m']) {
	add({ name: `target ${p}`, as: 'social_worker', method: 'GET', path: p, expect: 400 });
}
for (const b of ['note_date-day=1&body=%00', 'body=%FF%FE', 'body=%C3%28', 'body=%', 'body=a&body=b', 'body=%1B']) {
	add({ name: `page form ${b}`, as: 'social_worker', method: 'POST', path: (x) => `/children/${x.child}/notes`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: b, csrf: 'form', expect: '4xx' });
}

// ---- CSRF: missing, foreign, wrong ----
const writes = [
	['POST', visitPath, visit({}), 'application/json', 'social_worker'],
	['POST', notePath, note({}), 'application/json', 'social_worker'],
	['POST', (x) => `/api/children/${x.child}/allocations`, JSON.stringify({ worker_id: 1, start_date: '2026-03-30' }), 'application/json', 'team_manager'],
	['DELETE', '/api/session', undefined, undefined, 'social_worker'],
];
for (const [method, path, body, ct, as] of writes) {
	for (const csrf of ['none', 'foreign', 'x', '0'.repeat(64), 'own-upper', 'own-truncated', 'own-doubled']) {
		const p = typeof path === 'function' ? 'child route' : path;
		add({ name: `csrf ${csrf}: ${method} ${p} ${as}`, as, method, path, headers: ct ? { 'Content-Type': ct } : {}, body, csrf, expect: 403 });
	}
}
for (const csrf of ['none', 'foreign', 'wrong']) {
	add({ name: `csrf ${csrf}: page note form`, as: 'social_worker', method: 'POST', path: (x) => `/children/${x.child}/notes`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'note_date-day=30&note_date-month=3&note_date-year=2026&kind=case_note&child_voice=no&body=x', csrf: `form-${csrf}`, expect: 403 });
	add({ name: `csrf ${csrf}: page visit form`, as: 'social_worker', method: 'POST', path: (x) => `/children/${x.child}/visits`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'visit_date-day=30&visit_date-month=3&visit_date-year=2026&kind=cin&seen=yes&seen_alone=no', csrf: `form-${csrf}`, expect: 403 });
	add({ name: `csrf ${csrf}: sign-out form`, as: 'social_worker', method: 'POST', path: '/sign-out', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: '', csrf: `form-${csrf}`, expect: 403 });
	add({ name: `csrf ${csrf}: reallocate form`, as: 'team_manager', method: 'POST', path: (x) => `/children/${x.child}/reallocate`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'worker_id=1', csrf: `form-${csrf}`, expect: 403 });
	add({ name: `csrf ${csrf}: save a draft`, as: 'social_worker', method: 'POST', path: '/drafts', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'draft_path=%2Fchildren%2F1%2Fnotes%2Fnew', csrf: `form-${csrf}`, expect: 403 });
}

// ---- tampered and expired session cookies ----
const cookieCases = [
	['tampered last digit', (x) => x.tamper], ['upper-case token', (x) => x.upper], ['63 digits', (x) => x.short],
	['65 digits', (x) => x.long], ['ended session (signed out)', (x) => x.ended], ['all zeros', () => 'hearth_session=' + '0'.repeat(64)],
	['empty value', () => 'hearth_session='], ['SQL', () => "hearth_session=' OR '1'='1"], ['NUL', () => 'hearth_session=ab\0cd'],
	['two session cookies, the bad first', (x) => `${x.tamper}; ${x.own}`], ['a different cookie name', (x) => x.own.replace(/^[^=]+/, 'session')],
	['markup', () => `hearth_session=${SCRIPT}`],
];
for (const [n, c] of cookieCases) {
	add({ name: `cookie ${n}: GET /api/session`, as: 'social_worker', cookie: c, method: 'GET', path: '/api/session', expect: [401, 400] });
	add({ name: `cookie ${n}: GET a child`, as: 'social_worker', cookie: c, method: 'GET', path: (x) => `/api/children/${x.child}`, expect: [401, 400] });
	add({ name: `cookie ${n}: POST a visit`, as: 'social_worker', cookie: c, method: 'POST', path: visitPath, headers: { 'Content-Type': 'application/json' }, body: visit({}), expect: [401, 403, 400] });
}

// ---- permission and scope (the role table holds) ----
add({ name: 'scope: a child out of scope', as: 'social_worker', method: 'GET', path: (x) => `/api/children/${x.outChild}`, expect: 404 });
add({ name: 'scope: write to a child out of scope', as: 'social_worker', method: 'POST', path: (x) => `/api/children/${x.outChild}/visits`, headers: { 'Content-Type': 'application/json' }, body: visit({}), expect: 404 });
add({ name: 'role: the analyst writes a visit', as: 'analyst', method: 'POST', path: visitPath, headers: { 'Content-Type': 'application/json' }, body: visit({}), expect: [403, 404] });
add({ name: 'role: the inspector writes a note', as: 'inspector', method: 'POST', path: notePath, headers: { 'Content-Type': 'application/json' }, body: note({}), expect: [403, 404] });
add({ name: 'role: the social worker lists users', as: 'social_worker', method: 'GET', path: '/api/users', expect: 403 });
add({ name: 'role: the social worker reallocates', as: 'social_worker', method: 'POST', path: (x) => `/api/children/${x.child}/allocations`, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ worker_id: 1, start_date: '2026-03-30' }), expect: 403 });
add({ name: 'nobody: a child', as: null, method: 'GET', path: (x) => `/api/children/${x.child}`, expect: 401 });
add({ name: 'nobody: the users', as: null, method: 'GET', path: '/api/users', expect: 401 });
add({ name: 'method: PUT on a child', as: 'social_worker', method: 'PUT', path: (x) => `/api/children/${x.child}`, headers: { 'Content-Type': 'application/json' }, body: '{}', expect: 405 });
add({ name: 'method: DELETE on a child', as: 'social_worker', method: 'DELETE', path: (x) => `/api/children/${x.child}`, expect: 405 });
add({ name: 'method: PATCH on a visit record', as: 'social_worker', method: 'PATCH', path: visitPath, headers: { 'Content-Type': 'application/json' }, body: '{}', expect: 405 });

// ---- open redirects and CRLF in return URLs ----
for (const ret of ['//evil.example/', '/\\evil.example', 'https://evil.example/', 'http:evil.example', '/%2F%2Fevil.example', '/%5Cevil.example',
	'javascript:alert(1)', '/x%0D%0ASet-Cookie:%20pwned=1', '/x\r\nSet-Cookie: pwned=1', '/../../evil', '/./x', ' //evil.example', '\t//evil.example',
	'/%09/evil.example', 'data:text/html,<script>alert(1)</script>']) {
	add({ name: `return on the sign-in page: ${JSON.stringify(ret)}`, as: null, method: 'GET', path: `/sign-in?return=${enc(ret)}`, expect: [200, 400], absent: ['evil.example"', 'pwned', 'javascript:', 'data:text'] });
	add({ name: `return after signing in: ${JSON.stringify(ret)}`, as: null, signIn: true, method: 'POST', path: '/sign-in', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: (x) => `username=${x.user}&password=${enc(x.password)}&return=${enc(ret)}`, expect: [303, 400], location: (l) => !l || (l.startsWith('/') && !l.startsWith('//') && !l.startsWith('/\\') && !/[\r\n]/.test(l)), absent: ['pwned'] });
}

// ---- path traversal on asset routes ----
for (const p of ['/assets/../../etc/passwd', '/assets/..%2F..%2Fetc%2Fpasswd', '/assets/%2e%2e/%2e%2e/etc/passwd', '/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
	'/assets/....//....//etc/passwd', '/assets/..\\..\\etc\\passwd', '/assets/%252e%252e%252fetc%252fpasswd', '/assets/%c0%ae%c0%ae/etc/passwd',
	'/assets//etc/passwd', '/assets/hearth.css%00.png', '/assets/hearth.css/..', '/assets/./hearth.css', '/assets/', '/assets/nope.css',
	'/assets/' + 'a'.repeat(300), '/assets/hearth.css?x=1', '/assets/HEARTH.CSS', '/assets/.git/config', '/static/../../etc/passwd',
	'/api/../etc/passwd', '/../../../../etc/passwd']) {
	add({ name: `asset path ${p.slice(0, 60)}`, as: null, method: 'GET', path: p, expect: [400, 404, 401, 303], absent: ['root:x:0', '[core]'] });
}
export default cases;
