
use builtin;
use str;

set edit:completion:arg-completer[adobe-jwt] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'adobe-jwt'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'adobe-jwt'= {
            cand --color 'When to colour output'
            cand --env-file 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]'
            cand --profile 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand encode-key 'Base64-encode a PEM private key for a .env (replaces base64 / certutil)'
            cand import 'Write a credential of a Developer Console project file into the .env'
            cand check-env 'Validate the credentials in .env + environment, and the App Builder inputs mapping'
            cand token 'Print a ready IMS access token (cached)'
            cand call 'Call an Adobe API with the token and the usual headers'
            cand exec 'Run a command with the token in its environment (ADOBE_ACCESS_TOKEN), and no secret'
            cand status 'Every credential set the .env and the environment hold, and their cached tokens (offline)'
            cand secret 'Rotate the OAuth Server-to-Server client secret through the Developer Console: list, rotate, delete, prune'
            cand keychain 'Keep a credential''s long-lived secrets off disk, in the OS keychain or an encrypted file: add, list, remove, restore'
            cand inspect 'Decode an IMS access token: who, which scopes, when it expires'
            cand completions 'Print a shell completion script'
            cand demo 'The whole flow, offline, against the built-in IMS emulator'
            cand ims-emulator 'Serve a strict IMS stand-in on loopback for offline pipeline tests'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'adobe-jwt;encode-key'= {
            cand --name 'The variable name [default: JWT_PRIVATE_KEY, or PROFILE_JWT_PRIVATE_KEY with --profile]'
            cand --write 'Update ENV_FILE in place (default: --env-file or ./.env) instead of printing'
            cand --env-file 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]'
            cand --profile 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]'
            cand --color 'When to colour output'
            cand --raw 'Print the base64 value alone, without NAME='
            cand --keychain 'Store the key in the keychain, under the .env''s JWT client id, instead of printing it (no key line is written)'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'adobe-jwt;import'= {
            cand --credential 'Which credential, by name or id, when the project has several'
            cand --private-key 'The private key of a Service Account (JWT) credential, written as encode-key writes it'
            cand --env-file 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]'
            cand --profile 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]'
            cand --color 'When to colour output'
            cand --stdout 'Print the lines instead of writing them into the .env'
            cand --keychain 'Put the secrets (client secret, private key) in the keychain, and only the ids in the .env'
            cand --force 'Write the file''s client secret over another one of the same client that the file does not list'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'adobe-jwt;check-env'= {
            cand --certificate 'Check the private key against the Console''s certificate_pub.crt, and its validity'
            cand --manifest 'Check an App Builder ext.config.yaml or app.config.yaml maps every credential key'
            cand --max-secret-age 'With --online: warn when the client secret in use is older than this (OAuth, with the Console ids)'
            cand --env-file 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]'
            cand --profile 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]'
            cand --ims 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]'
            cand --context 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]'
            cand --auth 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]'
            cand --client-id 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)'
            cand --org-id 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)'
            cand --scopes 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)'
            cand --technical-account-id 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)'
            cand --metascopes 'Comma list of metascopes (JWT_METASCOPES)'
            cand --private-key-file 'Read the private key from this file (JWT_PRIVATE_KEY)'
            cand --timeout 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)'
            cand --max-time 'Bound the whole run''s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call''s body]'
            cand --cacert 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]'
            cand --color 'When to colour output'
            cand --online 'Also request a token (bypassing the cache) and report IMS''s verdict'
            cand --json 'Print the report as one JSON document'
            cand --strict 'Fail on warnings too'
            cand --stage 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'adobe-jwt;token'= {
            cand --format 'Output format'
            cand --jwt-lifetime 'Lifetime of the signed JWT assertion (jwt credentials), 1s to 24h'
            cand --env-file 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]'
            cand --profile 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]'
            cand --ims 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]'
            cand --context 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]'
            cand --auth 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]'
            cand --client-id 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)'
            cand --org-id 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)'
            cand --scopes 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)'
            cand --technical-account-id 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)'
            cand --metascopes 'Comma list of metascopes (JWT_METASCOPES)'
            cand --private-key-file 'Read the private key from this file (JWT_PRIVATE_KEY)'
            cand --min-validity 'Serve a cached token only while more than this remains'
            cand --timeout 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)'
            cand --max-time 'Bound the whole run''s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call''s body]'
            cand --cacert 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]'
            cand --color 'When to colour output'
            cand --json 'The same as --format json (the spelling other commands take)'
            cand --print-jwt 'Print the signed JWT assertion instead of exchanging it (no request)'
            cand --forget 'Remove the cached token of the current credentials (and their cached management token) and exit'
            cand --revoke 'Invalidate the cached token of the current credentials at IMS, then remove it from the cache'
            cand --stage 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
            cand --refresh 'Get a new token even when a cached one is still good (and cache it)'
            cand --no-cache 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'adobe-jwt;call'= {
            cand -H 'Add or replace a header, ''Name: value'', or @FILE for the header lines of a file (repeatable)'
            cand --header 'Add or replace a header, ''Name: value'', or @FILE for the header lines of a file (repeatable)'
            cand -d 'Request body: DATA, @FILE or @- for stdin'
            cand --data 'Request body: DATA, @FILE or @- for stdin'
            cand -o 'Write the body (with -i, the headers too) to FILE instead of stdout; - is stdout'
            cand --output 'Write the body (with -i, the headers too) to FILE instead of stdout; - is stdout'
            cand --allow-host 'Also send the credentials to this host (repeatable); by default only Adobe''s API hosts and loopback get them [env: ADOBE_JWT_ALLOW_HOSTS, a comma list]'
            cand --env-file 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]'
            cand --profile 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]'
            cand --ims 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]'
            cand --context 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]'
            cand --auth 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]'
            cand --client-id 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)'
            cand --org-id 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)'
            cand --scopes 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)'
            cand --technical-account-id 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)'
            cand --metascopes 'Comma list of metascopes (JWT_METASCOPES)'
            cand --private-key-file 'Read the private key from this file (JWT_PRIVATE_KEY)'
            cand --min-validity 'Serve a cached token only while more than this remains'
            cand --timeout 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)'
            cand --max-time 'Bound the whole run''s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call''s body]'
            cand --cacert 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]'
            cand --color 'When to colour output'
            cand -i 'Print the status line and response headers before the body, as curl -i does'
            cand --include 'Print the status line and response headers before the body, as curl -i does'
            cand --stage 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
            cand --refresh 'Get a new token even when a cached one is still good (and cache it)'
            cand --no-cache 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'adobe-jwt;exec'= {
            cand --keep 'Pass this variable to CMD although its name or value says it holds a secret (repeatable)'
            cand --env-file 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]'
            cand --profile 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]'
            cand --ims 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]'
            cand --context 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]'
            cand --auth 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]'
            cand --client-id 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)'
            cand --org-id 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)'
            cand --scopes 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)'
            cand --technical-account-id 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)'
            cand --metascopes 'Comma list of metascopes (JWT_METASCOPES)'
            cand --private-key-file 'Read the private key from this file (JWT_PRIVATE_KEY)'
            cand --min-validity 'Serve a cached token only while more than this remains'
            cand --timeout 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)'
            cand --max-time 'Bound the whole run''s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call''s body]'
            cand --cacert 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]'
            cand --color 'When to colour output'
            cand --with-credentials 'Also hand CMD the OAuth Server-to-Server credential as IMS_OAUTH_S2S_CLIENT_ID, _CLIENT_SECRET, _ORG_ID and _SCOPES (a JSON array), for `aio app deploy` of actions with include-ims-credentials'
            cand --mask 'Pass CMD''s stdout and stderr through a filter that replaces the token and every credential secret with *** (for CI logs)'
            cand --stage 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
            cand --refresh 'Get a new token even when a cached one is still good (and cache it)'
            cand --no-cache 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'adobe-jwt;status'= {
            cand --env-file 'The .env file to read [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]'
            cand --ims 'IMS base URL the cached tokens are for [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]'
            cand --color 'When to colour output'
            cand --json 'Print the status as one JSON document'
            cand --stage 'The stage IMS, https://ims-na1-stg1.adobelogin.com'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'adobe-jwt;secret'= {
            cand --color 'When to colour output'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'The credential''s client secrets: uuid, creation, last use per grant type (never a value)'
            cand rotate 'Add a client secret, write it where the current one is defined, prove it with a token, and say what is next'
            cand delete 'Delete a client secret by its uuid, never the one in use (asks on a terminal; --yes otherwise)'
            cand prune 'Delete every secret but the one in use that has not been used for --idle (asks; --yes otherwise)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'adobe-jwt;secret;list'= {
            cand --console 'The address of the credential''s page in the Developer Console, for its ids (else IMS_OAUTH_S2S_CONSOLE_ORG_ID and IMS_OAUTH_S2S_CREDENTIAL_ID) [Console API: env ADOBE_CONSOLE_API_URL, default https://api.adobe.io]'
            cand --env-file 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]'
            cand --profile 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]'
            cand --ims 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]'
            cand --context 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]'
            cand --scopes 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)'
            cand --min-validity 'Serve a cached token only while more than this remains'
            cand --timeout 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)'
            cand --max-time 'Bound the whole run''s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call''s body]'
            cand --cacert 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]'
            cand --auth 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]'
            cand --technical-account-id 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)'
            cand --metascopes 'Comma list of metascopes (JWT_METASCOPES)'
            cand --private-key-file 'Read the private key from this file (JWT_PRIVATE_KEY)'
            cand --client-id 'Client ID (IMS_OAUTH_S2S_CLIENT_ID)'
            cand --org-id 'IMS organisation ID, …@AdobeOrg (IMS_OAUTH_S2S_ORG_ID)'
            cand --color 'When to colour output'
            cand --json 'Print the list as one JSON document'
            cand --stage 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
            cand --refresh 'Get a new token even when a cached one is still good (and cache it)'
            cand --no-cache 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'adobe-jwt;secret;rotate'= {
            cand --console 'The address of the credential''s page in the Developer Console, for its ids (else IMS_OAUTH_S2S_CONSOLE_ORG_ID and IMS_OAUTH_S2S_CREDENTIAL_ID) [Console API: env ADOBE_CONSOLE_API_URL, default https://api.adobe.io]'
            cand --env-file 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]'
            cand --profile 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]'
            cand --ims 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]'
            cand --context 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]'
            cand --scopes 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)'
            cand --min-validity 'Serve a cached token only while more than this remains'
            cand --timeout 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)'
            cand --max-time 'Bound the whole run''s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call''s body]'
            cand --cacert 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]'
            cand --auth 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]'
            cand --technical-account-id 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)'
            cand --metascopes 'Comma list of metascopes (JWT_METASCOPES)'
            cand --private-key-file 'Read the private key from this file (JWT_PRIVATE_KEY)'
            cand --client-id 'Client ID (IMS_OAUTH_S2S_CLIENT_ID)'
            cand --org-id 'IMS organisation ID, …@AdobeOrg (IMS_OAUTH_S2S_ORG_ID)'
            cand --color 'When to colour output'
            cand --delete-old 'Delete the old secret once the new one is proven (when nothing uses the old one any more)'
            cand --stdout 'Print the new secret alone on stdout (for `gh secret set NAME` or a vault) and edit no file'
            cand --stage 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
            cand --refresh 'Get a new token even when a cached one is still good (and cache it)'
            cand --no-cache 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'adobe-jwt;secret;delete'= {
            cand --console 'The address of the credential''s page in the Developer Console, for its ids (else IMS_OAUTH_S2S_CONSOLE_ORG_ID and IMS_OAUTH_S2S_CREDENTIAL_ID) [Console API: env ADOBE_CONSOLE_API_URL, default https://api.adobe.io]'
            cand --env-file 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]'
            cand --profile 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]'
            cand --ims 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]'
            cand --context 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]'
            cand --scopes 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)'
            cand --min-validity 'Serve a cached token only while more than this remains'
            cand --timeout 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)'
            cand --max-time 'Bound the whole run''s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call''s body]'
            cand --cacert 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]'
            cand --auth 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]'
            cand --technical-account-id 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)'
            cand --metascopes 'Comma list of metascopes (JWT_METASCOPES)'
            cand --private-key-file 'Read the private key from this file (JWT_PRIVATE_KEY)'
            cand --client-id 'Client ID (IMS_OAUTH_S2S_CLIENT_ID)'
            cand --org-id 'IMS organisation ID, …@AdobeOrg (IMS_OAUTH_S2S_ORG_ID)'
            cand --color 'When to colour output'
            cand -y 'Delete without asking (needed when stdin is not a terminal)'
            cand --yes 'Delete without asking (needed when stdin is not a terminal)'
            cand --force 'Delete it even when it may be the secret the credentials use (no uuid is recorded beside the secret, and the credential has two)'
            cand --stage 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
            cand --refresh 'Get a new token even when a cached one is still good (and cache it)'
            cand --no-cache 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'adobe-jwt;secret;prune'= {
            cand --idle 'Delete secrets whose last use (any grant type; never used: their creation) is older than this'
            cand --console 'The address of the credential''s page in the Developer Console, for its ids (else IMS_OAUTH_S2S_CONSOLE_ORG_ID and IMS_OAUTH_S2S_CREDENTIAL_ID) [Console API: env ADOBE_CONSOLE_API_URL, default https://api.adobe.io]'
            cand --env-file 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]'
            cand --profile 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]'
            cand --ims 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]'
            cand --context 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]'
            cand --scopes 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)'
            cand --min-validity 'Serve a cached token only while more than this remains'
            cand --timeout 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)'
            cand --max-time 'Bound the whole run''s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call''s body]'
            cand --cacert 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]'
            cand --auth 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]'
            cand --technical-account-id 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)'
            cand --metascopes 'Comma list of metascopes (JWT_METASCOPES)'
            cand --private-key-file 'Read the private key from this file (JWT_PRIVATE_KEY)'
            cand --client-id 'Client ID (IMS_OAUTH_S2S_CLIENT_ID)'
            cand --org-id 'IMS organisation ID, …@AdobeOrg (IMS_OAUTH_S2S_ORG_ID)'
            cand --color 'When to colour output'
            cand -y 'Delete without asking (needed when stdin is not a terminal)'
            cand --yes 'Delete without asking (needed when stdin is not a terminal)'
            cand --force 'Prune even when no uuid is recorded beside the secret, so the one in use is not known (the most recently used one is kept)'
            cand --stage 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
            cand --refresh 'Get a new token even when a cached one is still good (and cache it)'
            cand --no-cache 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'adobe-jwt;secret;help'= {
            cand list 'The credential''s client secrets: uuid, creation, last use per grant type (never a value)'
            cand rotate 'Add a client secret, write it where the current one is defined, prove it with a token, and say what is next'
            cand delete 'Delete a client secret by its uuid, never the one in use (asks on a terminal; --yes otherwise)'
            cand prune 'Delete every secret but the one in use that has not been used for --idle (asks; --yes otherwise)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'adobe-jwt;secret;help;list'= {
        }
        &'adobe-jwt;secret;help;rotate'= {
        }
        &'adobe-jwt;secret;help;delete'= {
        }
        &'adobe-jwt;secret;help;prune'= {
        }
        &'adobe-jwt;secret;help;help'= {
        }
        &'adobe-jwt;keychain'= {
            cand --color 'When to colour output'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand add 'Move the credential''s secrets from the .env into the keychain (stored and read back before the .env is edited)'
            cand list 'The keychain''s entries: kind, client id, which secrets, store, when stored (never a value)'
            cand remove 'Delete the credential''s keychain entry (asks on a terminal; --yes otherwise)'
            cand restore 'Move the credential''s secrets from the keychain back into the .env (the .env edit is proven before the entry goes)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'adobe-jwt;keychain;add'= {
            cand --env-file 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]'
            cand --profile 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]'
            cand --ims 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]'
            cand --context 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]'
            cand --auth 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]'
            cand --client-id 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)'
            cand --org-id 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)'
            cand --scopes 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)'
            cand --technical-account-id 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)'
            cand --metascopes 'Comma list of metascopes (JWT_METASCOPES)'
            cand --private-key-file 'Read the private key from this file (JWT_PRIVATE_KEY)'
            cand --color 'When to colour output'
            cand --stage 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'adobe-jwt;keychain;list'= {
            cand --color 'When to colour output'
            cand --json 'Print the list as one JSON document'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'adobe-jwt;keychain;remove'= {
            cand --env-file 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]'
            cand --profile 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]'
            cand --ims 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]'
            cand --context 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]'
            cand --auth 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]'
            cand --client-id 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)'
            cand --org-id 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)'
            cand --scopes 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)'
            cand --technical-account-id 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)'
            cand --metascopes 'Comma list of metascopes (JWT_METASCOPES)'
            cand --private-key-file 'Read the private key from this file (JWT_PRIVATE_KEY)'
            cand --color 'When to colour output'
            cand -y 'Delete without asking (needed when stdin is not a terminal)'
            cand --yes 'Delete without asking (needed when stdin is not a terminal)'
            cand --stage 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'adobe-jwt;keychain;restore'= {
            cand --env-file 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]'
            cand --profile 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]'
            cand --ims 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]'
            cand --context 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]'
            cand --auth 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]'
            cand --client-id 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)'
            cand --org-id 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)'
            cand --scopes 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)'
            cand --technical-account-id 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)'
            cand --metascopes 'Comma list of metascopes (JWT_METASCOPES)'
            cand --private-key-file 'Read the private key from this file (JWT_PRIVATE_KEY)'
            cand --color 'When to colour output'
            cand --stage 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'adobe-jwt;keychain;help'= {
            cand add 'Move the credential''s secrets from the .env into the keychain (stored and read back before the .env is edited)'
            cand list 'The keychain''s entries: kind, client id, which secrets, store, when stored (never a value)'
            cand remove 'Delete the credential''s keychain entry (asks on a terminal; --yes otherwise)'
            cand restore 'Move the credential''s secrets from the keychain back into the .env (the .env edit is proven before the entry goes)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'adobe-jwt;keychain;help;add'= {
        }
        &'adobe-jwt;keychain;help;list'= {
        }
        &'adobe-jwt;keychain;help;remove'= {
        }
        &'adobe-jwt;keychain;help;restore'= {
        }
        &'adobe-jwt;keychain;help;help'= {
        }
        &'adobe-jwt;inspect'= {
            cand --env-file 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]'
            cand --profile 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]'
            cand --ims 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]'
            cand --context 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]'
            cand --auth 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]'
            cand --client-id 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)'
            cand --org-id 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)'
            cand --scopes 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)'
            cand --technical-account-id 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)'
            cand --metascopes 'Comma list of metascopes (JWT_METASCOPES)'
            cand --private-key-file 'Read the private key from this file (JWT_PRIVATE_KEY)'
            cand --timeout 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)'
            cand --max-time 'Bound the whole run''s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call''s body]'
            cand --cacert 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]'
            cand --color 'When to colour output'
            cand --json 'Print the decoded token as JSON'
            cand --fetch 'With no TOKEN: get one (from the cache or IMS, as token does) when none is cached'
            cand --online 'Also ask IMS whether the token is still valid (revoked or expired tokens are not)'
            cand --stage 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'adobe-jwt;completions'= {
            cand --color 'When to colour output'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'adobe-jwt;demo'= {
            cand --color 'When to colour output'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'adobe-jwt;ims-emulator'= {
            cand --port 'Port on 127.0.0.1 (0 picks a free one; the address is printed on stdout)'
            cand --certificate 'Accept JWT assertions signed by this certificate''s key (repeatable); default: the .env''s key'
            cand --env-file 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]'
            cand --profile 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]'
            cand --color 'When to colour output'
            cand --without-io-management 'Emulate a project without the I/O Management API: IMS refuses its scopes (for `secret`)'
            cand -v 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand --verbose 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
            cand -q 'Silence warnings, hints and progress (never errors)'
            cand --quiet 'Silence warnings, hints and progress (never errors)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'adobe-jwt;help'= {
            cand encode-key 'Base64-encode a PEM private key for a .env (replaces base64 / certutil)'
            cand import 'Write a credential of a Developer Console project file into the .env'
            cand check-env 'Validate the credentials in .env + environment, and the App Builder inputs mapping'
            cand token 'Print a ready IMS access token (cached)'
            cand call 'Call an Adobe API with the token and the usual headers'
            cand exec 'Run a command with the token in its environment (ADOBE_ACCESS_TOKEN), and no secret'
            cand status 'Every credential set the .env and the environment hold, and their cached tokens (offline)'
            cand secret 'Rotate the OAuth Server-to-Server client secret through the Developer Console: list, rotate, delete, prune'
            cand keychain 'Keep a credential''s long-lived secrets off disk, in the OS keychain or an encrypted file: add, list, remove, restore'
            cand inspect 'Decode an IMS access token: who, which scopes, when it expires'
            cand completions 'Print a shell completion script'
            cand demo 'The whole flow, offline, against the built-in IMS emulator'
            cand ims-emulator 'Serve a strict IMS stand-in on loopback for offline pipeline tests'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'adobe-jwt;help;encode-key'= {
        }
        &'adobe-jwt;help;import'= {
        }
        &'adobe-jwt;help;check-env'= {
        }
        &'adobe-jwt;help;token'= {
        }
        &'adobe-jwt;help;call'= {
        }
        &'adobe-jwt;help;exec'= {
        }
        &'adobe-jwt;help;status'= {
        }
        &'adobe-jwt;help;secret'= {
            cand list 'The credential''s client secrets: uuid, creation, last use per grant type (never a value)'
            cand rotate 'Add a client secret, write it where the current one is defined, prove it with a token, and say what is next'
            cand delete 'Delete a client secret by its uuid, never the one in use (asks on a terminal; --yes otherwise)'
            cand prune 'Delete every secret but the one in use that has not been used for --idle (asks; --yes otherwise)'
        }
        &'adobe-jwt;help;secret;list'= {
        }
        &'adobe-jwt;help;secret;rotate'= {
        }
        &'adobe-jwt;help;secret;delete'= {
        }
        &'adobe-jwt;help;secret;prune'= {
        }
        &'adobe-jwt;help;keychain'= {
            cand add 'Move the credential''s secrets from the .env into the keychain (stored and read back before the .env is edited)'
            cand list 'The keychain''s entries: kind, client id, which secrets, store, when stored (never a value)'
            cand remove 'Delete the credential''s keychain entry (asks on a terminal; --yes otherwise)'
            cand restore 'Move the credential''s secrets from the keychain back into the .env (the .env edit is proven before the entry goes)'
        }
        &'adobe-jwt;help;keychain;add'= {
        }
        &'adobe-jwt;help;keychain;list'= {
        }
        &'adobe-jwt;help;keychain;remove'= {
        }
        &'adobe-jwt;help;keychain;restore'= {
        }
        &'adobe-jwt;help;inspect'= {
        }
        &'adobe-jwt;help;completions'= {
        }
        &'adobe-jwt;help;demo'= {
        }
        &'adobe-jwt;help;ims-emulator'= {
        }
        &'adobe-jwt;help;help'= {
        }
    ]
    $completions[$command]
}
