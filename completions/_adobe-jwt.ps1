
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'adobe-jwt' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'adobe-jwt'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'adobe-jwt' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('encode-key', 'encode-key', [CompletionResultType]::ParameterValue, 'Base64-encode a PEM private key for a .env (replaces base64 / certutil)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Write a credential of a Developer Console project file into the .env')
            [CompletionResult]::new('check-env', 'check-env', [CompletionResultType]::ParameterValue, 'Validate the credentials in .env + environment, and the App Builder inputs mapping')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print a ready IMS access token (cached)')
            [CompletionResult]::new('call', 'call', [CompletionResultType]::ParameterValue, 'Call an Adobe API with the token and the usual headers')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with the token in its environment (ADOBE_ACCESS_TOKEN), and no secret')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Every credential set the .env and the environment hold, and their cached tokens (offline)')
            [CompletionResult]::new('secret', 'secret', [CompletionResultType]::ParameterValue, 'Rotate the OAuth Server-to-Server client secret through the Developer Console: list, rotate, delete, prune')
            [CompletionResult]::new('keychain', 'keychain', [CompletionResultType]::ParameterValue, 'Keep a credential''s long-lived secrets off disk, in the OS keychain or an encrypted file: add, list, remove, restore')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Decode an IMS access token: who, which scopes, when it expires')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'The whole flow, offline, against the built-in IMS emulator')
            [CompletionResult]::new('ims-emulator', 'ims-emulator', [CompletionResultType]::ParameterValue, 'Serve a strict IMS stand-in on loopback for offline pipeline tests')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'adobe-jwt;encode-key' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The variable name [default: JWT_PRIVATE_KEY, or PROFILE_JWT_PRIVATE_KEY with --profile]')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Update ENV_FILE in place (default: --env-file or ./.env) instead of printing')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Print the base64 value alone, without NAME=')
            [CompletionResult]::new('--keychain', '--keychain', [CompletionResultType]::ParameterName, 'Store the key in the keychain, under the .env''s JWT client id, instead of printing it (no key line is written)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'adobe-jwt;import' {
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'Which credential, by name or id, when the project has several')
            [CompletionResult]::new('--private-key', '--private-key', [CompletionResultType]::ParameterName, 'The private key of a Service Account (JWT) credential, written as encode-key writes it')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--stdout', '--stdout', [CompletionResultType]::ParameterName, 'Print the lines instead of writing them into the .env')
            [CompletionResult]::new('--keychain', '--keychain', [CompletionResultType]::ParameterName, 'Put the secrets (client secret, private key) in the keychain, and only the ids in the .env')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Write the file''s client secret over another one of the same client that the file does not list')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'adobe-jwt;check-env' {
            [CompletionResult]::new('--certificate', '--certificate', [CompletionResultType]::ParameterName, 'Check the private key against the Console''s certificate_pub.crt, and its validity')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'Check an App Builder ext.config.yaml or app.config.yaml maps every credential key')
            [CompletionResult]::new('--max-secret-age', '--max-secret-age', [CompletionResultType]::ParameterName, 'With --online: warn when the client secret in use is older than this (OAuth, with the Console ids)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]')
            [CompletionResult]::new('--ims', '--ims', [CompletionResultType]::ParameterName, 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)')
            [CompletionResult]::new('--org-id', '--org-id', [CompletionResultType]::ParameterName, 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)')
            [CompletionResult]::new('--technical-account-id', '--technical-account-id', [CompletionResultType]::ParameterName, 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)')
            [CompletionResult]::new('--metascopes', '--metascopes', [CompletionResultType]::ParameterName, 'Comma list of metascopes (JWT_METASCOPES)')
            [CompletionResult]::new('--private-key-file', '--private-key-file', [CompletionResultType]::ParameterName, 'Read the private key from this file (JWT_PRIVATE_KEY)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'Bound the whole run''s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call''s body]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--online', '--online', [CompletionResultType]::ParameterName, 'Also request a token (bypassing the cache) and report IMS''s verdict')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the report as one JSON document')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail on warnings too')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'adobe-jwt;token' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--jwt-lifetime', '--jwt-lifetime', [CompletionResultType]::ParameterName, 'Lifetime of the signed JWT assertion (jwt credentials), 1s to 24h')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]')
            [CompletionResult]::new('--ims', '--ims', [CompletionResultType]::ParameterName, 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)')
            [CompletionResult]::new('--org-id', '--org-id', [CompletionResultType]::ParameterName, 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)')
            [CompletionResult]::new('--technical-account-id', '--technical-account-id', [CompletionResultType]::ParameterName, 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)')
            [CompletionResult]::new('--metascopes', '--metascopes', [CompletionResultType]::ParameterName, 'Comma list of metascopes (JWT_METASCOPES)')
            [CompletionResult]::new('--private-key-file', '--private-key-file', [CompletionResultType]::ParameterName, 'Read the private key from this file (JWT_PRIVATE_KEY)')
            [CompletionResult]::new('--min-validity', '--min-validity', [CompletionResultType]::ParameterName, 'Serve a cached token only while more than this remains')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'Bound the whole run''s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call''s body]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'The same as --format json (the spelling other commands take)')
            [CompletionResult]::new('--print-jwt', '--print-jwt', [CompletionResultType]::ParameterName, 'Print the signed JWT assertion instead of exchanging it (no request)')
            [CompletionResult]::new('--forget', '--forget', [CompletionResultType]::ParameterName, 'Remove the cached token of the current credentials (and their cached management token) and exit')
            [CompletionResult]::new('--revoke', '--revoke', [CompletionResultType]::ParameterName, 'Invalidate the cached token of the current credentials at IMS, then remove it from the cache')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Get a new token even when a cached one is still good (and cache it)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'adobe-jwt;call' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Add or replace a header, ''Name: value'', or @FILE for the header lines of a file (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Add or replace a header, ''Name: value'', or @FILE for the header lines of a file (repeatable)')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Request body: DATA, @FILE or @- for stdin')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Request body: DATA, @FILE or @- for stdin')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the body (with -i, the headers too) to FILE instead of stdout; - is stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the body (with -i, the headers too) to FILE instead of stdout; - is stdout')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Also send the credentials to this host (repeatable); by default only Adobe''s API hosts and loopback get them [env: ADOBE_JWT_ALLOW_HOSTS, a comma list]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]')
            [CompletionResult]::new('--ims', '--ims', [CompletionResultType]::ParameterName, 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)')
            [CompletionResult]::new('--org-id', '--org-id', [CompletionResultType]::ParameterName, 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)')
            [CompletionResult]::new('--technical-account-id', '--technical-account-id', [CompletionResultType]::ParameterName, 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)')
            [CompletionResult]::new('--metascopes', '--metascopes', [CompletionResultType]::ParameterName, 'Comma list of metascopes (JWT_METASCOPES)')
            [CompletionResult]::new('--private-key-file', '--private-key-file', [CompletionResultType]::ParameterName, 'Read the private key from this file (JWT_PRIVATE_KEY)')
            [CompletionResult]::new('--min-validity', '--min-validity', [CompletionResultType]::ParameterName, 'Serve a cached token only while more than this remains')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'Bound the whole run''s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call''s body]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Print the status line and response headers before the body, as curl -i does')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Print the status line and response headers before the body, as curl -i does')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Get a new token even when a cached one is still good (and cache it)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'adobe-jwt;exec' {
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Pass this variable to CMD although its name or value says it holds a secret (repeatable)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]')
            [CompletionResult]::new('--ims', '--ims', [CompletionResultType]::ParameterName, 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)')
            [CompletionResult]::new('--org-id', '--org-id', [CompletionResultType]::ParameterName, 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)')
            [CompletionResult]::new('--technical-account-id', '--technical-account-id', [CompletionResultType]::ParameterName, 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)')
            [CompletionResult]::new('--metascopes', '--metascopes', [CompletionResultType]::ParameterName, 'Comma list of metascopes (JWT_METASCOPES)')
            [CompletionResult]::new('--private-key-file', '--private-key-file', [CompletionResultType]::ParameterName, 'Read the private key from this file (JWT_PRIVATE_KEY)')
            [CompletionResult]::new('--min-validity', '--min-validity', [CompletionResultType]::ParameterName, 'Serve a cached token only while more than this remains')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'Bound the whole run''s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call''s body]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--with-credentials', '--with-credentials', [CompletionResultType]::ParameterName, 'Also hand CMD the OAuth Server-to-Server credential as IMS_OAUTH_S2S_CLIENT_ID, _CLIENT_SECRET, _ORG_ID and _SCOPES (a JSON array), for `aio app deploy` of actions with include-ims-credentials')
            [CompletionResult]::new('--mask', '--mask', [CompletionResultType]::ParameterName, 'Pass CMD''s stdout and stderr through a filter that replaces the token and every credential secret with *** (for CI logs)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Get a new token even when a cached one is still good (and cache it)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'adobe-jwt;status' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The .env file to read [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]')
            [CompletionResult]::new('--ims', '--ims', [CompletionResultType]::ParameterName, 'IMS base URL the cached tokens are for [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the status as one JSON document')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'The stage IMS, https://ims-na1-stg1.adobelogin.com')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'adobe-jwt;secret' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The credential''s client secrets: uuid, creation, last use per grant type (never a value)')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Add a client secret, write it where the current one is defined, prove it with a token, and say what is next')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a client secret by its uuid, never the one in use (asks on a terminal; --yes otherwise)')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete every secret but the one in use that has not been used for --idle (asks; --yes otherwise)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'adobe-jwt;secret;list' {
            [CompletionResult]::new('--console', '--console', [CompletionResultType]::ParameterName, 'The address of the credential''s page in the Developer Console, for its ids (else IMS_OAUTH_S2S_CONSOLE_ORG_ID and IMS_OAUTH_S2S_CREDENTIAL_ID) [Console API: env ADOBE_CONSOLE_API_URL, default https://api.adobe.io]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]')
            [CompletionResult]::new('--ims', '--ims', [CompletionResultType]::ParameterName, 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)')
            [CompletionResult]::new('--min-validity', '--min-validity', [CompletionResultType]::ParameterName, 'Serve a cached token only while more than this remains')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'Bound the whole run''s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call''s body]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]')
            [CompletionResult]::new('--technical-account-id', '--technical-account-id', [CompletionResultType]::ParameterName, 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)')
            [CompletionResult]::new('--metascopes', '--metascopes', [CompletionResultType]::ParameterName, 'Comma list of metascopes (JWT_METASCOPES)')
            [CompletionResult]::new('--private-key-file', '--private-key-file', [CompletionResultType]::ParameterName, 'Read the private key from this file (JWT_PRIVATE_KEY)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID (IMS_OAUTH_S2S_CLIENT_ID)')
            [CompletionResult]::new('--org-id', '--org-id', [CompletionResultType]::ParameterName, 'IMS organisation ID, …@AdobeOrg (IMS_OAUTH_S2S_ORG_ID)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the list as one JSON document')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Get a new token even when a cached one is still good (and cache it)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'adobe-jwt;secret;rotate' {
            [CompletionResult]::new('--console', '--console', [CompletionResultType]::ParameterName, 'The address of the credential''s page in the Developer Console, for its ids (else IMS_OAUTH_S2S_CONSOLE_ORG_ID and IMS_OAUTH_S2S_CREDENTIAL_ID) [Console API: env ADOBE_CONSOLE_API_URL, default https://api.adobe.io]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]')
            [CompletionResult]::new('--ims', '--ims', [CompletionResultType]::ParameterName, 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)')
            [CompletionResult]::new('--min-validity', '--min-validity', [CompletionResultType]::ParameterName, 'Serve a cached token only while more than this remains')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'Bound the whole run''s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call''s body]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]')
            [CompletionResult]::new('--technical-account-id', '--technical-account-id', [CompletionResultType]::ParameterName, 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)')
            [CompletionResult]::new('--metascopes', '--metascopes', [CompletionResultType]::ParameterName, 'Comma list of metascopes (JWT_METASCOPES)')
            [CompletionResult]::new('--private-key-file', '--private-key-file', [CompletionResultType]::ParameterName, 'Read the private key from this file (JWT_PRIVATE_KEY)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID (IMS_OAUTH_S2S_CLIENT_ID)')
            [CompletionResult]::new('--org-id', '--org-id', [CompletionResultType]::ParameterName, 'IMS organisation ID, …@AdobeOrg (IMS_OAUTH_S2S_ORG_ID)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--delete-old', '--delete-old', [CompletionResultType]::ParameterName, 'Delete the old secret once the new one is proven (when nothing uses the old one any more)')
            [CompletionResult]::new('--stdout', '--stdout', [CompletionResultType]::ParameterName, 'Print the new secret alone on stdout (for `gh secret set NAME` or a vault) and edit no file')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Get a new token even when a cached one is still good (and cache it)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'adobe-jwt;secret;delete' {
            [CompletionResult]::new('--console', '--console', [CompletionResultType]::ParameterName, 'The address of the credential''s page in the Developer Console, for its ids (else IMS_OAUTH_S2S_CONSOLE_ORG_ID and IMS_OAUTH_S2S_CREDENTIAL_ID) [Console API: env ADOBE_CONSOLE_API_URL, default https://api.adobe.io]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]')
            [CompletionResult]::new('--ims', '--ims', [CompletionResultType]::ParameterName, 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)')
            [CompletionResult]::new('--min-validity', '--min-validity', [CompletionResultType]::ParameterName, 'Serve a cached token only while more than this remains')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'Bound the whole run''s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call''s body]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]')
            [CompletionResult]::new('--technical-account-id', '--technical-account-id', [CompletionResultType]::ParameterName, 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)')
            [CompletionResult]::new('--metascopes', '--metascopes', [CompletionResultType]::ParameterName, 'Comma list of metascopes (JWT_METASCOPES)')
            [CompletionResult]::new('--private-key-file', '--private-key-file', [CompletionResultType]::ParameterName, 'Read the private key from this file (JWT_PRIVATE_KEY)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID (IMS_OAUTH_S2S_CLIENT_ID)')
            [CompletionResult]::new('--org-id', '--org-id', [CompletionResultType]::ParameterName, 'IMS organisation ID, …@AdobeOrg (IMS_OAUTH_S2S_ORG_ID)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete without asking (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete without asking (needed when stdin is not a terminal)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Delete it even when it may be the secret the credentials use (no uuid is recorded beside the secret, and the credential has two)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Get a new token even when a cached one is still good (and cache it)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'adobe-jwt;secret;prune' {
            [CompletionResult]::new('--idle', '--idle', [CompletionResultType]::ParameterName, 'Delete secrets whose last use (any grant type; never used: their creation) is older than this')
            [CompletionResult]::new('--console', '--console', [CompletionResultType]::ParameterName, 'The address of the credential''s page in the Developer Console, for its ids (else IMS_OAUTH_S2S_CONSOLE_ORG_ID and IMS_OAUTH_S2S_CREDENTIAL_ID) [Console API: env ADOBE_CONSOLE_API_URL, default https://api.adobe.io]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]')
            [CompletionResult]::new('--ims', '--ims', [CompletionResultType]::ParameterName, 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)')
            [CompletionResult]::new('--min-validity', '--min-validity', [CompletionResultType]::ParameterName, 'Serve a cached token only while more than this remains')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'Bound the whole run''s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call''s body]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]')
            [CompletionResult]::new('--technical-account-id', '--technical-account-id', [CompletionResultType]::ParameterName, 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)')
            [CompletionResult]::new('--metascopes', '--metascopes', [CompletionResultType]::ParameterName, 'Comma list of metascopes (JWT_METASCOPES)')
            [CompletionResult]::new('--private-key-file', '--private-key-file', [CompletionResultType]::ParameterName, 'Read the private key from this file (JWT_PRIVATE_KEY)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID (IMS_OAUTH_S2S_CLIENT_ID)')
            [CompletionResult]::new('--org-id', '--org-id', [CompletionResultType]::ParameterName, 'IMS organisation ID, …@AdobeOrg (IMS_OAUTH_S2S_ORG_ID)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete without asking (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete without asking (needed when stdin is not a terminal)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Prune even when no uuid is recorded beside the secret, so the one in use is not known (the most recently used one is kept)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Get a new token even when a cached one is still good (and cache it)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'adobe-jwt;secret;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The credential''s client secrets: uuid, creation, last use per grant type (never a value)')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Add a client secret, write it where the current one is defined, prove it with a token, and say what is next')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a client secret by its uuid, never the one in use (asks on a terminal; --yes otherwise)')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete every secret but the one in use that has not been used for --idle (asks; --yes otherwise)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'adobe-jwt;secret;help;list' {
            break
        }
        'adobe-jwt;secret;help;rotate' {
            break
        }
        'adobe-jwt;secret;help;delete' {
            break
        }
        'adobe-jwt;secret;help;prune' {
            break
        }
        'adobe-jwt;secret;help;help' {
            break
        }
        'adobe-jwt;keychain' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Move the credential''s secrets from the .env into the keychain (stored and read back before the .env is edited)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The keychain''s entries: kind, client id, which secrets, store, when stored (never a value)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete the credential''s keychain entry (asks on a terminal; --yes otherwise)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Move the credential''s secrets from the keychain back into the .env (the .env edit is proven before the entry goes)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'adobe-jwt;keychain;add' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]')
            [CompletionResult]::new('--ims', '--ims', [CompletionResultType]::ParameterName, 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)')
            [CompletionResult]::new('--org-id', '--org-id', [CompletionResultType]::ParameterName, 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)')
            [CompletionResult]::new('--technical-account-id', '--technical-account-id', [CompletionResultType]::ParameterName, 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)')
            [CompletionResult]::new('--metascopes', '--metascopes', [CompletionResultType]::ParameterName, 'Comma list of metascopes (JWT_METASCOPES)')
            [CompletionResult]::new('--private-key-file', '--private-key-file', [CompletionResultType]::ParameterName, 'Read the private key from this file (JWT_PRIVATE_KEY)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'adobe-jwt;keychain;list' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the list as one JSON document')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'adobe-jwt;keychain;remove' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]')
            [CompletionResult]::new('--ims', '--ims', [CompletionResultType]::ParameterName, 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)')
            [CompletionResult]::new('--org-id', '--org-id', [CompletionResultType]::ParameterName, 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)')
            [CompletionResult]::new('--technical-account-id', '--technical-account-id', [CompletionResultType]::ParameterName, 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)')
            [CompletionResult]::new('--metascopes', '--metascopes', [CompletionResultType]::ParameterName, 'Comma list of metascopes (JWT_METASCOPES)')
            [CompletionResult]::new('--private-key-file', '--private-key-file', [CompletionResultType]::ParameterName, 'Read the private key from this file (JWT_PRIVATE_KEY)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete without asking (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete without asking (needed when stdin is not a terminal)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'adobe-jwt;keychain;restore' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]')
            [CompletionResult]::new('--ims', '--ims', [CompletionResultType]::ParameterName, 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)')
            [CompletionResult]::new('--org-id', '--org-id', [CompletionResultType]::ParameterName, 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)')
            [CompletionResult]::new('--technical-account-id', '--technical-account-id', [CompletionResultType]::ParameterName, 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)')
            [CompletionResult]::new('--metascopes', '--metascopes', [CompletionResultType]::ParameterName, 'Comma list of metascopes (JWT_METASCOPES)')
            [CompletionResult]::new('--private-key-file', '--private-key-file', [CompletionResultType]::ParameterName, 'Read the private key from this file (JWT_PRIVATE_KEY)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'adobe-jwt;keychain;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Move the credential''s secrets from the .env into the keychain (stored and read back before the .env is edited)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The keychain''s entries: kind, client id, which secrets, store, when stored (never a value)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete the credential''s keychain entry (asks on a terminal; --yes otherwise)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Move the credential''s secrets from the keychain back into the .env (the .env edit is proven before the entry goes)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'adobe-jwt;keychain;help;add' {
            break
        }
        'adobe-jwt;keychain;help;list' {
            break
        }
        'adobe-jwt;keychain;help;remove' {
            break
        }
        'adobe-jwt;keychain;help;restore' {
            break
        }
        'adobe-jwt;keychain;help;help' {
            break
        }
        'adobe-jwt;inspect' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]')
            [CompletionResult]::new('--ims', '--ims', [CompletionResultType]::ParameterName, 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)')
            [CompletionResult]::new('--org-id', '--org-id', [CompletionResultType]::ParameterName, 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)')
            [CompletionResult]::new('--technical-account-id', '--technical-account-id', [CompletionResultType]::ParameterName, 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)')
            [CompletionResult]::new('--metascopes', '--metascopes', [CompletionResultType]::ParameterName, 'Comma list of metascopes (JWT_METASCOPES)')
            [CompletionResult]::new('--private-key-file', '--private-key-file', [CompletionResultType]::ParameterName, 'Read the private key from this file (JWT_PRIVATE_KEY)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'Bound the whole run''s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call''s body]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the decoded token as JSON')
            [CompletionResult]::new('--fetch', '--fetch', [CompletionResultType]::ParameterName, 'With no TOKEN: get one (from the cache or IMS, as token does) when none is cached')
            [CompletionResult]::new('--online', '--online', [CompletionResultType]::ParameterName, 'Also ask IMS whether the token is still valid (revoked or expired tokens are not)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'adobe-jwt;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'adobe-jwt;demo' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'adobe-jwt;ims-emulator' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port on 127.0.0.1 (0 picks a free one; the address is printed on stdout)')
            [CompletionResult]::new('--certificate', '--certificate', [CompletionResultType]::ParameterName, 'Accept JWT assertions signed by this certificate''s key (repeatable); default: the .env''s key')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--without-io-management', '--without-io-management', [CompletionResultType]::ParameterName, 'Emulate a project without the I/O Management API: IMS refuses its scopes (for `secret`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Silence warnings, hints and progress (never errors)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'adobe-jwt;help' {
            [CompletionResult]::new('encode-key', 'encode-key', [CompletionResultType]::ParameterValue, 'Base64-encode a PEM private key for a .env (replaces base64 / certutil)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Write a credential of a Developer Console project file into the .env')
            [CompletionResult]::new('check-env', 'check-env', [CompletionResultType]::ParameterValue, 'Validate the credentials in .env + environment, and the App Builder inputs mapping')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print a ready IMS access token (cached)')
            [CompletionResult]::new('call', 'call', [CompletionResultType]::ParameterValue, 'Call an Adobe API with the token and the usual headers')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with the token in its environment (ADOBE_ACCESS_TOKEN), and no secret')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Every credential set the .env and the environment hold, and their cached tokens (offline)')
            [CompletionResult]::new('secret', 'secret', [CompletionResultType]::ParameterValue, 'Rotate the OAuth Server-to-Server client secret through the Developer Console: list, rotate, delete, prune')
            [CompletionResult]::new('keychain', 'keychain', [CompletionResultType]::ParameterValue, 'Keep a credential''s long-lived secrets off disk, in the OS keychain or an encrypted file: add, list, remove, restore')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Decode an IMS access token: who, which scopes, when it expires')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'The whole flow, offline, against the built-in IMS emulator')
            [CompletionResult]::new('ims-emulator', 'ims-emulator', [CompletionResultType]::ParameterValue, 'Serve a strict IMS stand-in on loopback for offline pipeline tests')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'adobe-jwt;help;encode-key' {
            break
        }
        'adobe-jwt;help;import' {
            break
        }
        'adobe-jwt;help;check-env' {
            break
        }
        'adobe-jwt;help;token' {
            break
        }
        'adobe-jwt;help;call' {
            break
        }
        'adobe-jwt;help;exec' {
            break
        }
        'adobe-jwt;help;status' {
            break
        }
        'adobe-jwt;help;secret' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The credential''s client secrets: uuid, creation, last use per grant type (never a value)')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Add a client secret, write it where the current one is defined, prove it with a token, and say what is next')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a client secret by its uuid, never the one in use (asks on a terminal; --yes otherwise)')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete every secret but the one in use that has not been used for --idle (asks; --yes otherwise)')
            break
        }
        'adobe-jwt;help;secret;list' {
            break
        }
        'adobe-jwt;help;secret;rotate' {
            break
        }
        'adobe-jwt;help;secret;delete' {
            break
        }
        'adobe-jwt;help;secret;prune' {
            break
        }
        'adobe-jwt;help;keychain' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Move the credential''s secrets from the .env into the keychain (stored and read back before the .env is edited)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The keychain''s entries: kind, client id, which secrets, store, when stored (never a value)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete the credential''s keychain entry (asks on a terminal; --yes otherwise)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Move the credential''s secrets from the keychain back into the .env (the .env edit is proven before the entry goes)')
            break
        }
        'adobe-jwt;help;keychain;add' {
            break
        }
        'adobe-jwt;help;keychain;list' {
            break
        }
        'adobe-jwt;help;keychain;remove' {
            break
        }
        'adobe-jwt;help;keychain;restore' {
            break
        }
        'adobe-jwt;help;inspect' {
            break
        }
        'adobe-jwt;help;completions' {
            break
        }
        'adobe-jwt;help;demo' {
            break
        }
        'adobe-jwt;help;ims-emulator' {
            break
        }
        'adobe-jwt;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
