// Drives the sign-in and consent pages in headless Chromium as a person would: by their
// labels and button names, which is also what assistive technology relies on.
// Arguments: playwright-core module path, authorization URL, user, password,
// screenshot directory, redirect URI. Prints what it saw as one line of JSON.
const [, , playwrightPath, authorizeUrl, user, password, shots, redirectUri] = process.argv;
const { chromium } = require(playwrightPath);

(async () => {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync'],
	});
	try {
		const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
		const seen = {};
		await page.goto(authorizeUrl);
		seen.loginTitle = await page.title();
		seen.loginLang = await page.getAttribute('html', 'lang');
		seen.loginHasMain = await page.locator('main').count();
		await page.screenshot({ path: shots + '/login.png' });

		await page.getByLabel('User name').fill(user);
		await page.getByLabel('Password').fill('not the password');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.getByRole('alert').waitFor();
		seen.loginAlert = (await page.getByRole('alert').innerText()).trim();
		await page.screenshot({ path: shots + '/login-error.png' });

		await page.getByLabel('User name').fill(user);
		await page.getByLabel('Password').fill(password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.getByRole('button', { name: 'Approve' }).waitFor();
		seen.consentTitle = await page.title();
		seen.consentLang = await page.getAttribute('html', 'lang');
		seen.consentText = await page.locator('main').innerText();
		seen.scopeLabels = [];
		for (const box of await page.getByRole('checkbox').all()) {
			seen.scopeLabels.push((await box.evaluate((b) => b.labels[0].innerText)).trim());
		}
		seen.denyButtons = await page.getByRole('button', { name: 'Deny' }).count();
		await page.screenshot({ path: shots + '/consent.png', fullPage: true });

		await page.getByRole('button', { name: 'Approve' }).click();
		await page.waitForURL(redirectUri + '**');
		seen.finalUrl = page.url();
		console.log(JSON.stringify(seen));
	}
	finally {
		await browser.close();
	}
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
