/**
 * The contact form in a real browser: with JavaScript only the chosen kind's fields show (a company
 * has no first/last name or company picker; a person's name is optional, so its mark goes), "Same as
 * postal address" hides the street fields, and what is saved is what the user saw.
 * Screenshot: test-results/contact-form-company.png.
 */
import { expect } from 'chai';
import path from 'node:path';
import { SHOTS, signInToDemo, startDemo, type Demo } from '../demo-server.js';

describe('contact form in a real browser', function () {
  this.timeout(120000);
  let demo: Demo;
  before(async () => {
    demo = await startDemo();
  });
  after(async () => {
    await demo?.stop();
  });

  it('when the kind changes or "Same as postal address" is ticked, then only the fields that apply show, and the save keeps the postal address as the street one', async () => {
    const page = await demo.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signInToDemo(page, demo.base, ['Demo Company (AU)']);
    await page.goto(`${demo.base}/contacts/new`);
    const firstName = page.getByLabel('First name (people)');
    const nameMark = page.locator('label[for="f-name"] .required-mark');
    expect(await firstName.isVisible()).to.equal(false); // a company by default
    expect(await page.getByLabel('Find company (name or email)').isVisible()).to.equal(false);
    expect(await nameMark.isVisible()).to.equal(true);
    await page.getByLabel('Company or person').selectOption('person');
    expect(await firstName.isVisible()).to.equal(true);
    expect(await nameMark.isVisible()).to.equal(false);
    await page.getByLabel('Company or person').selectOption('company');
    expect(await firstName.isVisible()).to.equal(false);

    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Quayside Traders');
    const postal = page.getByRole('group', { name: 'Postal address', exact: true });
    await postal.getByLabel('Address line 1').fill('PO Box 44');
    await postal.getByLabel('Town or city').fill('Sydney');
    const streetLine1 = page.locator('#f-street_line1');
    expect(await streetLine1.isVisible()).to.equal(true);
    await page.getByLabel('Same as postal address').check();
    expect(await streetLine1.isVisible()).to.equal(false);
    await page.screenshot({ path: path.join(SHOTS, 'contact-form-company.png'), fullPage: true });
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    const edit = `${page.url()}/edit`;
    await page.goto(edit);
    expect(await page.getByLabel('Same as postal address').isChecked()).to.equal(true);
    await page.getByLabel('Same as postal address').uncheck();
    expect(await streetLine1.inputValue()).to.equal('PO Box 44');
  });
});
