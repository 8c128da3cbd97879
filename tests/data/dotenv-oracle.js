// The oracle for adobe-jwt's .env reader: Node's own dotenv parse() over the files it is given.
// Usage: node dotenv-oracle.js PREFIX < cases.json, where PREFIX holds node_modules/dotenv and
// cases.json is a JSON array of base64-encoded files. Prints a JSON array: for each file, the
// [key, value] pairs that dotenv.parse() returns.
'use strict'
const path = require('path')
const prefix = process.argv[2]
const dotenv = require(path.join(prefix, 'node_modules', 'dotenv'))
const version = require(path.join(prefix, 'node_modules', 'dotenv', 'package.json')).version
if (version !== '16.3.1') {
  console.error(`dotenv ${version} found; the oracle must be 16.3.1`)
  process.exit(2)
}
const chunks = []
process.stdin.on('data', (c) => chunks.push(c))
process.stdin.on('end', () => {
  const cases = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  const results = cases.map((b64) => Object.entries(dotenv.parse(Buffer.from(b64, 'base64'))))
  process.stdout.write(JSON.stringify(results))
})
