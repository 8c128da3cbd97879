#!/usr/bin/env node
// The `adobe-jwt` command of the npm package: runs the native binary from the platform package that
// npm installed with it (one of the optionalDependencies, chosen by npm from `os` and `cpu`), with
// the same arguments, standard streams and exit status.
'use strict'
const { spawnSync } = require('child_process')

const ext = process.platform === 'win32' ? '.exe' : ''
const pkg = `adobe-jwt-${process.platform}-${process.arch}`
let binary
try {
  binary = require.resolve(`${pkg}/bin/adobe-jwt${ext}`)
} catch (e) {
  console.error(
    `adobe-jwt: error: no binary for ${process.platform}-${process.arch}: the package ${pkg} is not installed\n` +
      'hint: reinstall without --omit=optional / --no-optional, or install the release archive for this platform'
  )
  process.exit(1)
}
const result = spawnSync(binary, process.argv.slice(2), { stdio: 'inherit', windowsHide: false })
if (result.error) {
  console.error(`adobe-jwt: error: cannot run ${binary}: ${result.error.message}`)
  process.exit(1)
}
if (result.signal) {
  process.kill(process.pid, result.signal)
} else {
  process.exit(result.status === null ? 1 : result.status)
}
