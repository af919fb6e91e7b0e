// Members' own training end to end through the API (docs/training.md): a member records a
// national online course with its certificate number (refusals name the field, in Vietnamese);
// nobody else's training is theirs to read; the leader sees the team's gaps, grants a module (once,
// never to themselves, only modules of the curriculum) and the gap closes; another commune's
// officer sees nothing; a course recorded by mistake is taken off the list; every change is in the
// audit log; what was typed as HTML stays text on the pages, which fit the first round trip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, queryColumn, wireSize } from '../lib/server.mjs';

let srv, member, leader, officer, otherOfficer;
const column = (sql) => queryColumn(srv.db, sql);
// A day `days` from today in Vietnam.
const day = (days) => new Date(Date.now() + 7 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

before(async () => {
  srv = await startServer({ households: 4 });
  member = await login(srv.base, 'thanhvien.muongxen');
  leader = await login(srv.base, 'totruong.muongxen');
  officer = await login(srv.base, 'canbo.muongxen');
  otherOfficer = await login(srv.base, 'canbo.nangoi');
});
after(async () => { await srv?.stop(); });

test('a member records a national online course; the leader grants a module and the gap closes', async () => {
  const me = member.user.id;
  const course = { title: 'Kỹ năng số <b>cơ bản</b>', national_online: true, completed_on: day(-20), certificate: 'BDHVS-2026-000123', provider: 'Bình dân học vụ số' };

  // Refusals name the field and say why in Vietnamese; nothing is kept.
  for (const [change, field] of [[{ certificate: '' }, 'certificate'], [{ completed_on: day(1) }, 'completed_on'],
    [{ completed_on: '2026-02-30' }, 'completed_on'], [{ title: '' }, 'title'], [{ certificate: '=1+2' }, 'certificate']]) {
    const r = await member.post(`/api/v1/training/members/${me}/courses`, { ...course, ...change });
    assert.equal(r.status, 422, `${JSON.stringify(change)}: ${r.text}`);
    assert.equal(r.json.field, field);
    assert.match(r.json.title, /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i, 'said in Vietnamese');
  }
  assert.deepEqual((await member.get('/api/v1/training/me')).json.courses, []);

  const added = await member.post(`/api/v1/training/members/${me}/courses`, course);
  assert.equal(added.status, 201, added.text);
  assert.equal(added.json.certificate, 'BDHVS-2026-000123');
  assert.equal(added.json.national_online, true);
  assert.equal(added.json.recorded_by, me);
  // Sent twice (a double tap): kept once.
  const again = await member.post(`/api/v1/training/members/${me}/courses`, course);
  assert.equal(again.json.id, added.json.id);
  const mine = (await member.get('/api/v1/training/me')).json;
  assert.equal(mine.courses.length, 1);
  assert.equal(mine.may_grant, false);
  assert.deepEqual(mine.teaches, []);

  // A member reads and writes nobody else's training; grants are for leaders and above.
  const leaderId = leader.user.id;
  assert.equal((await member.get(`/api/v1/training/members/${leaderId}`)).status, 404);
  assert.equal((await member.post(`/api/v1/training/members/${leaderId}/courses`, course)).status, 404);
  assert.equal((await member.put(`/api/v1/training/members/${me}/modules/vneid_account`, {})).status, 404);
  assert.equal((await member.get(`/api/v1/training/teams/${member.user.team_id}`)).status, 404);

  // The leader's view of the team: the member's course, and every module a gap.
  const teamPath = `/api/v1/training/teams/${member.user.team_id}`;
  const before = (await leader.get(teamPath)).json;
  assert.ok(before.members.some((m) => m.user_id === me && m.courses[0].certificate === 'BDHVS-2026-000123'));
  assert.ok(before.uncovered.includes('vneid_account'));
  assert.ok(before.without_course.some((p) => p.user_id === leaderId), 'the leader has recorded nothing');
  assert.ok(!before.without_course.some((p) => p.user_id === me));

  const refused = await leader.put(`/api/v1/training/members/${me}/modules/juggling`, {});
  assert.equal(refused.status, 422);
  assert.equal(refused.json.field, 'module');
  assert.equal((await leader.put(`/api/v1/training/members/${leaderId}/modules/vneid_account`, {})).status, 403, 'not to oneself');
  const granted = await leader.put(`/api/v1/training/members/${me}/modules/vneid_account`, {});
  assert.equal(granted.status, 200, granted.text);
  assert.equal(granted.json.changed, true);
  assert.equal(granted.json.title_vi, 'Tài khoản định danh điện tử VNeID');
  assert.equal((await leader.put(`/api/v1/training/members/${me}/modules/vneid_account`, {})).json.changed, false);
  const after = (await leader.get(teamPath)).json;
  assert.equal(after.uncovered.length, before.uncovered.length - 1);
  assert.ok(!after.uncovered.includes('vneid_account'));
  assert.deepEqual(after.modules.find((m) => m.module === 'vneid_account').teachers, [member.user.display_name]);
  assert.equal((await member.get('/api/v1/training/me')).json.teaches[0].module, 'vneid_account');

  // The commune's officer sees it and grants the leader; another commune's sees nothing.
  assert.equal((await officer.get(teamPath)).status, 200);
  assert.equal((await officer.put(`/api/v1/training/members/${leaderId}/modules/scam_safety`, {})).status, 200);
  assert.equal((await otherOfficer.get(teamPath)).status, 404);
  assert.equal((await otherOfficer.get(`/api/v1/training/members/${me}`)).status, 404);
  assert.equal((await otherOfficer.post(`/api/v1/training/courses/${added.json.id}/withdraw`, {})).status, 404);
  assert.ok((await officer.get('/api/v1/training/teams')).json.items.some((t) => t.id === member.user.team_id));
  assert.deepEqual((await leader.get('/api/v1/training/teams')).json.items.map((t) => t.id), [member.user.team_id]);

  // Revoked: the gap is back.
  const revoked = await leader.del(`/api/v1/training/members/${me}/modules/vneid_account`);
  assert.equal(revoked.json.changed, true);
  assert.ok((await leader.get(teamPath)).json.uncovered.includes('vneid_account'));

  // Pages: HTML typed in is text; the pages fit the first round trip (14 KB).
  const cookie = { cookie: `sid=${leader.token}` };
  const page = await fetch(`${srv.base}/training/teams/${member.user.team_id}`, { headers: cookie }).then((r) => r.text());
  assert.ok(page.includes('Kỹ năng số &lt;b&gt;cơ bản&lt;/b&gt;'), 'escaped');
  assert.ok(!page.includes('<b>cơ bản</b>'));
  for (const path of ['/training/me', `/training/members/${me}`, `/training/teams/${member.user.team_id}`, '/training/teams']) {
    const w = await wireSize(srv.base, path, cookie);
    assert.ok(w.status === 200 || w.status === 303, `${path}: ${w.status}`);
    assert.ok(w.bytes <= 14 * 1024, `${path}: ${w.bytes} bytes`);
  }

  // Taken off the list (recorded by mistake): kept, no longer listed, and audited.
  const withdrawn = await leader.post(`/api/v1/training/courses/${added.json.id}/withdraw`, {});
  assert.equal(withdrawn.status, 200, withdrawn.text);
  assert.ok(withdrawn.json.withdrawn_at > 0);
  assert.deepEqual((await member.get('/api/v1/training/me')).json.courses, []);
  assert.deepEqual(column(`SELECT COUNT(*) FROM member_courses WHERE id = '${added.json.id}'`), ['1']);
  const audit = column("SELECT action || ' ' || entity FROM audit_log WHERE entity = 'member_course' OR entity = 'teach_module' ORDER BY seq");
  assert.deepEqual(audit, ['create member_course', 'create teach_module', 'create teach_module', 'delete teach_module', 'delete member_course']);
});
