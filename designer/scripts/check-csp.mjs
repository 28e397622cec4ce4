// The designer runs under `script-src 'self'`: fails when an HTML page of the build (or the source index.html) has an
// inline <script>, an inline event handler attribute or a javascript: URL.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const pages = [
    'index.html',
    ...(existsSync('dist')
        ? readdirSync('dist')
              .filter((f) => f.endsWith('.html'))
              .map((f) => join('dist', f))
        : []),
];
const problems = [];
for (const page of pages) {
    const html = readFileSync(page, 'utf8');
    for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
        if (!/\ssrc\s*=/i.test(tag)) problems.push(`${page}: inline script ${tag}`);
    }
    for (const [attribute] of html.matchAll(/<[^>]*\s(on[a-z]+)\s*=/gi)) problems.push(`${page}: inline event handler ${attribute}`);
    if (/javascript:/i.test(html)) problems.push(`${page}: javascript: URL`);
}
if (problems.length) {
    console.error(`Not allowed under script-src 'self':\n  ${problems.join('\n  ')}`);
    process.exit(1);
}
console.log(`CSP check: ${pages.join(', ')} have no inline script or event handler`);
