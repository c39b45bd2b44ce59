import type { InboxRow } from '../../src-shared/contract/models';
import type { SlaPolicyInput, SlaPolicyView } from '../../src-shared/contract/sla';
import { expect, test, type HostFixture } from './helpers/fixtures';
import { docShot } from './helpers/doc-shot';

// Settings → SLA policies (issue 7, docs/sla.md § Editing policies, docs/ui-contract.md § SLA): the
// demo's synced policies are listed; changing a first-reply target of the policy that times a visible
// case moves that case's badge; a local policy is created and deleted.

const MIN = 60_000;
const PRIORITY_NAME: Record<string, string> = { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' };

/** My open cases as core holds them, next breach first. */
async function myRows(host: HostFixture): Promise<InboxRow[]> {
  return (await host.rpc.call('inbox:list', { view: 'mine', filters: {}, sort: 'next_breach', offset: 0, limit: 500 })).rows;
}

/** What sla:policies:save needs to put a policy back as it was. */
function inputOf(policy: SlaPolicyView): SlaPolicyInput {
  const { id, title, description, position, filter, targets, schedule, resolutionPauses, active } = policy;
  return { id, title, description, position, filter, targets, schedule, resolutionPauses, active };
}

test.describe('SLA policies', () => {
  test('editing a synced policy moves the badge; a local policy is created and deleted', async ({ app, host, page }) => {
    const policies = await host.rpc.call('sla:policies:list', {});
    const now = Date.now();
    // A case of mine whose next clock is a running first reply, with a calendar-hours rule for its priority.
    let chosen: { row: InboxRow; policy: SlaPolicyView; minutes: number; businessHours: boolean } | null = null;
    for (const row of await myRows(host)) {
      const next = row.sla?.next;
      if (!next || next.target !== 'first_reply' || next.dueAt === null || next.dueAt < now + 5 * MIN || !row.priority) continue;
      const policy = policies.find((p) => p.id === next.policyId);
      const rule = policy?.targets.find((r) => r.target === 'first_reply' && r.priority === row.priority && !r.channel);
      if (!policy || !rule) continue;
      chosen = { row, policy, minutes: rule.minutes, businessHours: rule.businessHours };
      if (!rule.businessHours) break;
    }
    if (!chosen) throw new Error('no case of mine with a running first-reply clock (demo SLA policies missing?)');
    const { row, policy } = chosen;
    const oldDue = row.sla!.next!.dueAt!;

    try {
      // The case's badge, with the list narrowed to it.
      await app.switchView('mine');
      await app.textFilter.fill(row.remoteId);
      const badge = app.row(row.remoteId).getByTestId('row-sla');
      await expect(badge).toHaveAttribute('data-due-at', String(oldDue));

      // Settings → SLA policies: the demo's three synced policies.
      const dialog = await app.openSettings();
      const section = dialog.getByRole('region', { name: 'SLA policies', exact: true });
      const items = section.getByTestId('sla-policy-item');
      for (const title of ['Live chat & messaging', 'Urgent & high', 'Normal & low']) {
        const item = items.filter({ hasText: title });
        await expect(item).toHaveCount(1);
        await expect(item).toHaveAttribute('data-source', 'helpdesk');
        await expect(item.getByTestId('sla-policy-source')).toHaveText('from the helpdesk');
      }

      // Its first-reply target for the case's priority: one hour more, typed as hours and minutes.
      const item = section.locator(`[data-testid="sla-policy-item"][data-policy-id="${policy.id}"]`);
      await item.click();
      await expect(item).toHaveAttribute('aria-pressed', 'true');
      const form = section.getByTestId('sla-policy-form');
      await expect(form).toHaveAttribute('data-policy-id', String(policy.id));
      await expect(form).toContainText('Synced from the helpdesk');
      const field = form.getByLabel(`${PRIORITY_NAME[row.priority!]}: First reply`, { exact: true });
      await expect(field).toHaveValue(String(chosen.minutes));
      const newMinutes = chosen.minutes + 60;
      await field.fill(`${Math.floor(newMinutes / 60)} h ${newMinutes % 60}`);
      await form.getByRole('button', { name: 'Save policy', exact: true }).click();
      await expect(section.getByTestId('sla-policy-result')).toHaveText(/^Saved as a local override\./);
      await expect(item).toHaveAttribute('data-source', 'override');
      await expect(item.getByTestId('sla-policy-source')).toHaveText('from the helpdesk, edited here');
      const saved = (await host.rpc.call('sla:policies:list', {})).find((p) => p.id === policy.id)!;
      expect(saved.source).toBe('override');
      expect(saved.targets.find((r) => r.target === 'first_reply' && r.priority === row.priority)?.minutes).toBe(newMinutes);

      await section.scrollIntoViewIfNeeded();
      await section.screenshot({ path: docShot('sla-policies.png') });

      // The case's badge follows core's new due time (an hour later on a calendar-hours clock).
      let newDue = oldDue;
      await expect
        .poll(async () => {
          newDue = (await myRows(host)).find((r) => r.id === row.id)?.sla?.next?.dueAt ?? oldDue;
          return newDue;
        })
        .not.toBe(oldDue);
      if (!chosen.businessHours) expect(newDue).toBe(oldDue + 60 * MIN);
      await page.keyboard.press('Escape');
      await expect(app.settingsDialog).toBeHidden();
      await expect(badge).toHaveAttribute('data-due-at', String(newDue));

      // A new local policy, then deleted (after a confirmation).
      await app.openSettings();
      const title = `E2E local policy ${Date.now()}`;
      await section.getByRole('button', { name: 'New local policy', exact: true }).click();
      await expect(form).toHaveAttribute('data-policy-id', 'new');
      await expect(form.getByTestId('sla-policy-problem')).toHaveText('Give the policy a title.');
      await form.getByLabel('Title', { exact: true }).fill(title);
      await form.getByLabel('Urgent: First reply', { exact: true }).fill('abc');
      await expect(form.getByTestId('sla-policy-problem')).toContainText('Urgent, First reply');
      await expect(form.getByRole('button', { name: 'Save policy', exact: true })).toBeDisabled();
      await form.getByLabel('Urgent: First reply', { exact: true }).fill('45');
      await form.getByLabel('High: Resolution', { exact: true }).fill('8 h');
      await form.getByRole('button', { name: 'Save policy', exact: true }).click();
      await expect(section.getByTestId('sla-policy-result')).toHaveText(/^Saved\./);
      const local = items.filter({ hasText: title });
      await expect(local).toHaveAttribute('data-source', 'local');
      await expect(local.getByTestId('sla-policy-source')).toHaveText('local');
      await expect(local).toHaveAttribute('aria-pressed', 'true');
      const created = (await host.rpc.call('sla:policies:list', {})).find((p) => p.title === title)!;
      expect(created.source).toBe('local');
      expect(created.targets).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ target: 'first_reply', priority: 'urgent', minutes: 45, businessHours: false }),
          expect.objectContaining({ target: 'resolution', priority: 'high', minutes: 480 }),
        ]),
      );

      await form.getByRole('button', { name: 'Delete', exact: true }).click();
      const confirm = form.getByTestId('sla-policy-confirm');
      await expect(confirm).toContainText(`Delete the local policy “${title}”?`);
      await confirm.getByRole('button', { name: 'Delete policy', exact: true }).click();
      await expect(section.getByTestId('sla-policy-result')).toHaveText('Policy deleted.');
      await expect(local).toHaveCount(0);
      expect((await host.rpc.call('sla:policies:list', {})).some((p) => p.title === title)).toBe(false);

      // A synced policy offers "Switch off" instead of "Delete".
      await item.click();
      await expect(form.getByRole('button', { name: 'Switch off', exact: true })).toBeVisible();
      await expect(form.getByRole('button', { name: 'Delete', exact: true })).toHaveCount(0);
    } finally {
      // Other tests of this worker see the demo's targets again.
      await host.rpc.call('sla:policies:save', inputOf(policy));
    }
  });
});
