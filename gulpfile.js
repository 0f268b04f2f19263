// Copies what n8n reads next to the compiled node and credential: the SVG icons (`file:`
// icons) and the output schemas (`__schema__/v<version>/<resource>/<operation>.json`, which
// n8n serves at /schemas/<package>.<node>/<version>/<resource>/<operation>.json and shows as
// "Usually outputs" before the first run).
const path = require('path');
const { task, src, dest, parallel } = require('gulp');

const keepFolders = (file) => path.join('dist', path.relative(file.cwd, file.base));

task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { encoding: false }).pipe(
		dest(keepFolders),
	),
);

task('build:schemas', () => src(['nodes/**/__schema__/**/*.json']).pipe(dest(keepFolders)));

task('build:assets', parallel('build:icons', 'build:schemas'));
