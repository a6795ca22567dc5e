// The OpenAPI document is served and matches the server: every documented route
// answers, for a caller with its permission, one of the statuses documented for it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { CHILD, WORKER, AS_AT, as, req, sql, validNote, validVisit } from './lib.mjs';

const doc = await (await fetch(`${process.env.HEARTH_URL}/api/openapi.json`)).json();

// Who calls each permission's routes (a role that has it and has HC1 in scope).
const caller = {
	none: null, signed_in: 'social_worker', child_list: 'social_worker', child_read: 'social_worker',
	child_write: 'social_worker', allocate: 'team_manager', due_read: 'social_worker', user_admin: 'admin',
	// break-glass: the IRO (own scope: HC1), on a demo county child, so no other file's scope changes
	break_glass: 'iro', audit_read: 'admin',
};

// A note of HC1's, new for each use (a retraction needs a live row).
async function freshNote() {
	const r = await req('POST', `/api/children/${CHILD.in}/records/note`, { session: await as('social_worker'),
		body: validNote() });
	assert.equal(r.status, 201, r.text);
	return r.json.record.id;
}

// A child outside the IRO's scope that no other test's scope check uses.
const demoChild = () => Number(sql("SELECT min(id) FROM child WHERE restricted = 0 AND voided = 0 AND la_child_id NOT LIKE 'HC%'"));

async function bodyFor(method, path) {
	if (path === '/api/break-glass' && method === 'post') return { child_id: demoChild(), reason: 'Documented route, opened' };
	if (path === '/api/break-glass/review') {
		const r = await req('POST', '/api/break-glass', { session: await as('iro'), body: await bodyFor('post', '/api/break-glass') });
		assert.equal(r.status, 201, r.text);
		return { id: Number(sql("SELECT max(id) FROM audit WHERE action = 'break_glass'")) };
	}
	if (method === 'patch') return { reason: 'typed in error', body: 'Called the school again' };
	if (method !== 'post') return undefined;
	if (path === '/api/children') return { given_name: 'Ada', family_name: 'Openapi', dob: '2017-01-02', sex: 'F' };
	if (path.endsWith('/retract')) return { reason: 'entered in error' };
	if (path.endsWith('/records/{kind}')) return validNote();
	if (path === '/api/session') return { username: 'test_front_door', password: process.env.HEARTH_PASSWORD };
	if (path.endsWith('/visits')) return validVisit();
	if (path.endsWith('/notes')) return validNote();
	if (path.endsWith('/allocations')) return { worker_id: WORKER.a2, start_date: AS_AT, reason: 'MANAGE' };
	return {};
}

test('the document is OpenAPI 3 and served as JSON', async () => {
	const r = await req('GET', '/api/openapi.json');
	assert.equal(r.status, 200);
	assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
	assert.equal(r.json.openapi, '3.0.3');
	assert.ok(Object.keys(r.json.paths).length >= 10);
});

for (const [path, ops] of Object.entries(doc.paths)) {
	for (const [method, op] of Object.entries(ops)) {
		test(`documented: ${method.toUpperCase()} ${path} answers as documented`, async () => {
			const perm = op['x-permission'];
			assert.ok(perm in caller, `a caller for ${perm}`);
			let session = caller[perm] ? await as(caller[perm]) : undefined;
			if (method === 'delete' && path === '/api/session') {
				const { signIn } = await import('./lib.mjs');
				session = await signIn('test_social_worker');
			}
			let url = path.replace('{id}', String(CHILD.in)).replace('{kind}', 'note');
			if (url.includes('{rid}')) url = url.replace('{rid}', String(await freshNote()));
			// If the allocation already names that worker, the other one.
			let body = await bodyFor(method, path);
			let r = await req(method.toUpperCase(), url, { session, body });
			if (r.status === 409 && path.endsWith('/allocations')) {
				body = { ...body, worker_id: WORKER.a1 };
				r = await req(method.toUpperCase(), url, { session, body });
			}
			const ok = Object.keys(op.responses).filter((s) => s.startsWith('2')).map(Number);
			assert.ok(ok.includes(r.status), `${r.status} not in documented ${ok}: ${r.text.slice(0, 300)}`);
			assert.ok(op.responses[String(r.status)], 'the status is documented');
			if (r.json && op.responses[String(r.status)].content) {
				const schema = op.responses[String(r.status)].content['application/json'].schema;
				const ref = schema.$ref ? schema.$ref.split('/').pop() : null;
				const props = ref ? doc.components.schemas[ref].properties : schema.properties;
				if (props) {
					for (const key of Object.keys(r.json)) {
						assert.ok(key in props, `${key} is documented in ${ref || 'the response'}`);
					}
				}
			}
			// And every documented error status is a real error shape when it happens.
			const unauth = await req(method.toUpperCase(), url, { body: await bodyFor(method, path) });
			if (perm !== 'none') {
				assert.equal(unauth.status, 401);
				assert.ok(op.responses['401'], '401 is documented');
			}
		});
	}
}
