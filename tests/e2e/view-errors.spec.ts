import { expect, test } from './fixtures';

// A view whose code cannot be loaded (a damaged install, a file removed under the app) must not blank the
// window: the nav stays, the view says what happened, and the user can go elsewhere.
test('a view whose code cannot be loaded says so, keeps the nav, and the inventory still opens', async ({
  page,
  host,
}) => {
  await page.route('**/assets/SettingsView-*.js', (route) => route.abort('failed'));
  await page.goto(host.url);
  const nav = page.getByRole('navigation', { name: 'Views' });
  await nav.getByRole('button', { name: 'Settings' }).click();

  const failed = page.getByRole('alert').filter({ hasText: 'This view could not be shown' });
  await expect(failed).toBeVisible();
  await expect(nav).toBeVisible();
  await failed.getByRole('button', { name: 'Go to the inventory' }).click();
  await expect(page.getByRole('region', { name: 'Inventory' })).toBeVisible();
  await expect(failed).toHaveCount(0);

  // Another view that loads is unaffected.
  await nav.getByRole('button', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 2 })).toBeVisible();
});
