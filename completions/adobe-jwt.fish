# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_adobe_jwt_global_optspecs
    string join \n v/verbose q/quiet color= env-file= profile= h/help V/version
end

function __fish_adobe_jwt_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_adobe_jwt_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_adobe_jwt_using_subcommand
    set -l cmd (__fish_adobe_jwt_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -l env-file -d 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -l profile -d 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -s h -l help -d 'Print help'
complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -s V -l version -d 'Print version'
complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -f -a "encode-key" -d 'Base64-encode a PEM private key for a .env (replaces base64 / certutil)'
complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -f -a "import" -d 'Write a credential of a Developer Console project file into the .env'
complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -f -a "check-env" -d 'Validate the credentials in .env + environment, and the App Builder inputs mapping'
complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -f -a "token" -d 'Print a ready IMS access token (cached)'
complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -f -a "call" -d 'Call an Adobe API with the token and the usual headers'
complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -f -a "exec" -d 'Run a command with the token in its environment (ADOBE_ACCESS_TOKEN), and no secret'
complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -f -a "status" -d 'Every credential set the .env and the environment hold, and their cached tokens (offline)'
complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -f -a "secret" -d 'Rotate the OAuth Server-to-Server client secret through the Developer Console: list, rotate, delete, prune'
complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -f -a "keychain" -d 'Keep a credential\'s long-lived secrets off disk, in the OS keychain or an encrypted file: add, list, remove, restore'
complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -f -a "inspect" -d 'Decode an IMS access token: who, which scopes, when it expires'
complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -f -a "demo" -d 'The whole flow, offline, against the built-in IMS emulator'
complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -f -a "ims-emulator" -d 'Serve a strict IMS stand-in on loopback for offline pipeline tests'
complete -c adobe-jwt -n "__fish_adobe_jwt_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand encode-key" -l name -d 'The variable name [default: JWT_PRIVATE_KEY, or PROFILE_JWT_PRIVATE_KEY with --profile]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand encode-key" -l write -d 'Update ENV_FILE in place (default: --env-file or ./.env) instead of printing' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand encode-key" -l env-file -d 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand encode-key" -l profile -d 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand encode-key" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand encode-key" -l raw -d 'Print the base64 value alone, without NAME='
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand encode-key" -l keychain -d 'Store the key in the keychain, under the .env\'s JWT client id, instead of printing it (no key line is written)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand encode-key" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand encode-key" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand encode-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand import" -l credential -d 'Which credential, by name or id, when the project has several' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand import" -l private-key -d 'The private key of a Service Account (JWT) credential, written as encode-key writes it' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand import" -l env-file -d 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand import" -l profile -d 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand import" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand import" -l stdout -d 'Print the lines instead of writing them into the .env'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand import" -l keychain -d 'Put the secrets (client secret, private key) in the keychain, and only the ids in the .env'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand import" -l force -d 'Write the file\'s client secret over another one of the same client that the file does not list'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand import" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand import" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l certificate -d 'Check the private key against the Console\'s certificate_pub.crt, and its validity' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l manifest -d 'Check an App Builder ext.config.yaml or app.config.yaml maps every credential key' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l max-secret-age -d 'With --online: warn when the client secret in use is older than this (OAuth, with the Console ids)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l env-file -d 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l profile -d 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l ims -d 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l context -d 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l auth -d 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]' -r -f -a "auto\t''
jwt\t''
oauth\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l client-id -d 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l org-id -d 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l scopes -d 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l technical-account-id -d 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l metascopes -d 'Comma list of metascopes (JWT_METASCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l private-key-file -d 'Read the private key from this file (JWT_PRIVATE_KEY)' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l timeout -d 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l max-time -d 'Bound the whole run\'s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call\'s body]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l cacert -d 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l online -d 'Also request a token (bypassing the cache) and report IMS\'s verdict'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l json -d 'Print the report as one JSON document'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l strict -d 'Fail on warnings too'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -l stage -d 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand check-env" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l format -d 'Output format' -r -f -a "token\t'The token alone'
header\t'Authorization: Bearer TOKEN'
headers\t'Authorization, x-api-key and x-gw-ims-org-id lines, for `curl -H @-`'
json\t'One JSON object with the token, its expiry and where it came from'
env\t'ADOBE_ACCESS_TOKEN, ADOBE_CLIENT_ID, ADOBE_ORG_ID and ADOBE_ACCESS_TOKEN_EXPIRES_AT lines, for >> "$GITHUB_ENV"'"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l jwt-lifetime -d 'Lifetime of the signed JWT assertion (jwt credentials), 1s to 24h' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l env-file -d 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l profile -d 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l ims -d 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l context -d 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l auth -d 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]' -r -f -a "auto\t''
jwt\t''
oauth\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l client-id -d 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l org-id -d 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l scopes -d 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l technical-account-id -d 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l metascopes -d 'Comma list of metascopes (JWT_METASCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l private-key-file -d 'Read the private key from this file (JWT_PRIVATE_KEY)' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l min-validity -d 'Serve a cached token only while more than this remains' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l timeout -d 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l max-time -d 'Bound the whole run\'s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call\'s body]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l cacert -d 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l json -d 'The same as --format json (the spelling other commands take)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l print-jwt -d 'Print the signed JWT assertion instead of exchanging it (no request)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l forget -d 'Remove the cached token of the current credentials (and their cached management token) and exit'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l revoke -d 'Invalidate the cached token of the current credentials at IMS, then remove it from the cache'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l stage -d 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l refresh -d 'Get a new token even when a cached one is still good (and cache it)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -l no-cache -d 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -s H -l header -d 'Add or replace a header, \'Name: value\', or @FILE for the header lines of a file (repeatable)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -s d -l data -d 'Request body: DATA, @FILE or @- for stdin' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -s o -l output -d 'Write the body (with -i, the headers too) to FILE instead of stdout; - is stdout' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -l allow-host -d 'Also send the credentials to this host (repeatable); by default only Adobe\'s API hosts and loopback get them [env: ADOBE_JWT_ALLOW_HOSTS, a comma list]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -l env-file -d 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -l profile -d 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -l ims -d 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -l context -d 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -l auth -d 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]' -r -f -a "auto\t''
jwt\t''
oauth\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -l client-id -d 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -l org-id -d 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -l scopes -d 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -l technical-account-id -d 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -l metascopes -d 'Comma list of metascopes (JWT_METASCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -l private-key-file -d 'Read the private key from this file (JWT_PRIVATE_KEY)' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -l min-validity -d 'Serve a cached token only while more than this remains' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -l timeout -d 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -l max-time -d 'Bound the whole run\'s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call\'s body]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -l cacert -d 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -s i -l include -d 'Print the status line and response headers before the body, as curl -i does'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -l stage -d 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -l refresh -d 'Get a new token even when a cached one is still good (and cache it)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -l no-cache -d 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand call" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l keep -d 'Pass this variable to CMD although its name or value says it holds a secret (repeatable)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l env-file -d 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l profile -d 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l ims -d 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l context -d 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l auth -d 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]' -r -f -a "auto\t''
jwt\t''
oauth\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l client-id -d 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l org-id -d 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l scopes -d 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l technical-account-id -d 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l metascopes -d 'Comma list of metascopes (JWT_METASCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l private-key-file -d 'Read the private key from this file (JWT_PRIVATE_KEY)' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l min-validity -d 'Serve a cached token only while more than this remains' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l timeout -d 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l max-time -d 'Bound the whole run\'s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call\'s body]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l cacert -d 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l with-credentials -d 'Also hand CMD the OAuth Server-to-Server credential as IMS_OAUTH_S2S_CLIENT_ID, _CLIENT_SECRET, _ORG_ID and _SCOPES (a JSON array), for `aio app deploy` of actions with include-ims-credentials'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l mask -d 'Pass CMD\'s stdout and stderr through a filter that replaces the token and every credential secret with *** (for CI logs)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l stage -d 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l refresh -d 'Get a new token even when a cached one is still good (and cache it)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -l no-cache -d 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand status" -l env-file -d 'The .env file to read [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand status" -l ims -d 'IMS base URL the cached tokens are for [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand status" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand status" -l json -d 'Print the status as one JSON document'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand status" -l stage -d 'The stage IMS, https://ims-na1-stg1.adobelogin.com'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand status" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand status" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and not __fish_seen_subcommand_from list rotate delete prune help" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and not __fish_seen_subcommand_from list rotate delete prune help" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and not __fish_seen_subcommand_from list rotate delete prune help" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and not __fish_seen_subcommand_from list rotate delete prune help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and not __fish_seen_subcommand_from list rotate delete prune help" -f -a "list" -d 'The credential\'s client secrets: uuid, creation, last use per grant type (never a value)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and not __fish_seen_subcommand_from list rotate delete prune help" -f -a "rotate" -d 'Add a client secret, write it where the current one is defined, prove it with a token, and say what is next'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and not __fish_seen_subcommand_from list rotate delete prune help" -f -a "delete" -d 'Delete a client secret by its uuid, never the one in use (asks on a terminal; --yes otherwise)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and not __fish_seen_subcommand_from list rotate delete prune help" -f -a "prune" -d 'Delete every secret but the one in use that has not been used for --idle (asks; --yes otherwise)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and not __fish_seen_subcommand_from list rotate delete prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l console -d 'The address of the credential\'s page in the Developer Console, for its ids (else IMS_OAUTH_S2S_CONSOLE_ORG_ID and IMS_OAUTH_S2S_CREDENTIAL_ID) [Console API: env ADOBE_CONSOLE_API_URL, default https://api.adobe.io]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l env-file -d 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l profile -d 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l ims -d 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l context -d 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l scopes -d 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l min-validity -d 'Serve a cached token only while more than this remains' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l timeout -d 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l max-time -d 'Bound the whole run\'s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call\'s body]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l cacert -d 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l auth -d 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]' -r -f -a "auto\t''
jwt\t''
oauth\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l technical-account-id -d 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l metascopes -d 'Comma list of metascopes (JWT_METASCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l private-key-file -d 'Read the private key from this file (JWT_PRIVATE_KEY)' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l client-id -d 'Client ID (IMS_OAUTH_S2S_CLIENT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l org-id -d 'IMS organisation ID, …@AdobeOrg (IMS_OAUTH_S2S_ORG_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l json -d 'Print the list as one JSON document'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l stage -d 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l refresh -d 'Get a new token even when a cached one is still good (and cache it)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -l no-cache -d 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l console -d 'The address of the credential\'s page in the Developer Console, for its ids (else IMS_OAUTH_S2S_CONSOLE_ORG_ID and IMS_OAUTH_S2S_CREDENTIAL_ID) [Console API: env ADOBE_CONSOLE_API_URL, default https://api.adobe.io]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l env-file -d 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l profile -d 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l ims -d 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l context -d 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l scopes -d 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l min-validity -d 'Serve a cached token only while more than this remains' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l timeout -d 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l max-time -d 'Bound the whole run\'s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call\'s body]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l cacert -d 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l auth -d 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]' -r -f -a "auto\t''
jwt\t''
oauth\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l technical-account-id -d 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l metascopes -d 'Comma list of metascopes (JWT_METASCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l private-key-file -d 'Read the private key from this file (JWT_PRIVATE_KEY)' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l client-id -d 'Client ID (IMS_OAUTH_S2S_CLIENT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l org-id -d 'IMS organisation ID, …@AdobeOrg (IMS_OAUTH_S2S_ORG_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l delete-old -d 'Delete the old secret once the new one is proven (when nothing uses the old one any more)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l stdout -d 'Print the new secret alone on stdout (for `gh secret set NAME` or a vault) and edit no file'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l stage -d 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l refresh -d 'Get a new token even when a cached one is still good (and cache it)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l no-cache -d 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from rotate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l console -d 'The address of the credential\'s page in the Developer Console, for its ids (else IMS_OAUTH_S2S_CONSOLE_ORG_ID and IMS_OAUTH_S2S_CREDENTIAL_ID) [Console API: env ADOBE_CONSOLE_API_URL, default https://api.adobe.io]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l env-file -d 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l profile -d 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l ims -d 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l context -d 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l scopes -d 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l min-validity -d 'Serve a cached token only while more than this remains' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l timeout -d 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l max-time -d 'Bound the whole run\'s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call\'s body]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l cacert -d 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l auth -d 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]' -r -f -a "auto\t''
jwt\t''
oauth\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l technical-account-id -d 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l metascopes -d 'Comma list of metascopes (JWT_METASCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l private-key-file -d 'Read the private key from this file (JWT_PRIVATE_KEY)' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l client-id -d 'Client ID (IMS_OAUTH_S2S_CLIENT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l org-id -d 'IMS organisation ID, …@AdobeOrg (IMS_OAUTH_S2S_ORG_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Delete without asking (needed when stdin is not a terminal)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l force -d 'Delete it even when it may be the secret the credentials use (no uuid is recorded beside the secret, and the credential has two)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l stage -d 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l refresh -d 'Get a new token even when a cached one is still good (and cache it)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -l no-cache -d 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l idle -d 'Delete secrets whose last use (any grant type; never used: their creation) is older than this' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l console -d 'The address of the credential\'s page in the Developer Console, for its ids (else IMS_OAUTH_S2S_CONSOLE_ORG_ID and IMS_OAUTH_S2S_CREDENTIAL_ID) [Console API: env ADOBE_CONSOLE_API_URL, default https://api.adobe.io]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l env-file -d 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l profile -d 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l ims -d 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l context -d 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l scopes -d 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l min-validity -d 'Serve a cached token only while more than this remains' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l timeout -d 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l max-time -d 'Bound the whole run\'s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call\'s body]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l cacert -d 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l auth -d 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]' -r -f -a "auto\t''
jwt\t''
oauth\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l technical-account-id -d 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l metascopes -d 'Comma list of metascopes (JWT_METASCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l private-key-file -d 'Read the private key from this file (JWT_PRIVATE_KEY)' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l client-id -d 'Client ID (IMS_OAUTH_S2S_CLIENT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l org-id -d 'IMS organisation ID, …@AdobeOrg (IMS_OAUTH_S2S_ORG_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -s y -l yes -d 'Delete without asking (needed when stdin is not a terminal)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l force -d 'Prune even when no uuid is recorded beside the secret, so the one in use is not known (the most recently used one is kept)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l stage -d 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l refresh -d 'Get a new token even when a cached one is still good (and cache it)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -l no-cache -d 'Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "list" -d 'The credential\'s client secrets: uuid, creation, last use per grant type (never a value)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "rotate" -d 'Add a client secret, write it where the current one is defined, prove it with a token, and say what is next'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a client secret by its uuid, never the one in use (asks on a terminal; --yes otherwise)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Delete every secret but the one in use that has not been used for --idle (asks; --yes otherwise)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and not __fish_seen_subcommand_from add list remove restore help" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and not __fish_seen_subcommand_from add list remove restore help" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and not __fish_seen_subcommand_from add list remove restore help" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and not __fish_seen_subcommand_from add list remove restore help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and not __fish_seen_subcommand_from add list remove restore help" -f -a "add" -d 'Move the credential\'s secrets from the .env into the keychain (stored and read back before the .env is edited)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and not __fish_seen_subcommand_from add list remove restore help" -f -a "list" -d 'The keychain\'s entries: kind, client id, which secrets, store, when stored (never a value)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and not __fish_seen_subcommand_from add list remove restore help" -f -a "remove" -d 'Delete the credential\'s keychain entry (asks on a terminal; --yes otherwise)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and not __fish_seen_subcommand_from add list remove restore help" -f -a "restore" -d 'Move the credential\'s secrets from the keychain back into the .env (the .env edit is proven before the entry goes)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and not __fish_seen_subcommand_from add list remove restore help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from add" -l env-file -d 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from add" -l profile -d 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from add" -l ims -d 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from add" -l context -d 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from add" -l auth -d 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]' -r -f -a "auto\t''
jwt\t''
oauth\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from add" -l client-id -d 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from add" -l org-id -d 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from add" -l scopes -d 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from add" -l technical-account-id -d 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from add" -l metascopes -d 'Comma list of metascopes (JWT_METASCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from add" -l private-key-file -d 'Read the private key from this file (JWT_PRIVATE_KEY)' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from add" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from add" -l stage -d 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from list" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from list" -l json -d 'Print the list as one JSON document'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from remove" -l env-file -d 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from remove" -l profile -d 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from remove" -l ims -d 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from remove" -l context -d 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from remove" -l auth -d 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]' -r -f -a "auto\t''
jwt\t''
oauth\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from remove" -l client-id -d 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from remove" -l org-id -d 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from remove" -l scopes -d 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from remove" -l technical-account-id -d 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from remove" -l metascopes -d 'Comma list of metascopes (JWT_METASCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from remove" -l private-key-file -d 'Read the private key from this file (JWT_PRIVATE_KEY)' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from remove" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Delete without asking (needed when stdin is not a terminal)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from remove" -l stage -d 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from restore" -l env-file -d 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from restore" -l profile -d 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from restore" -l ims -d 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from restore" -l context -d 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from restore" -l auth -d 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]' -r -f -a "auto\t''
jwt\t''
oauth\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from restore" -l client-id -d 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from restore" -l org-id -d 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from restore" -l scopes -d 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from restore" -l technical-account-id -d 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from restore" -l metascopes -d 'Comma list of metascopes (JWT_METASCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from restore" -l private-key-file -d 'Read the private key from this file (JWT_PRIVATE_KEY)' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from restore" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from restore" -l stage -d 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from restore" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from restore" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from help" -f -a "add" -d 'Move the credential\'s secrets from the .env into the keychain (stored and read back before the .env is edited)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from help" -f -a "list" -d 'The keychain\'s entries: kind, client id, which secrets, store, when stored (never a value)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Delete the credential\'s keychain entry (asks on a terminal; --yes otherwise)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from help" -f -a "restore" -d 'Move the credential\'s secrets from the keychain back into the .env (the .env edit is proven before the entry goes)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand keychain; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -l env-file -d 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -l profile -d 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -l ims -d 'IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -l context -d 'The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -l auth -d 'Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]' -r -f -a "auto\t''
jwt\t''
oauth\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -l client-id -d 'Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -l org-id -d 'IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -l scopes -d 'OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -l technical-account-id -d 'Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -l metascopes -d 'Comma list of metascopes (JWT_METASCOPES)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -l private-key-file -d 'Read the private key from this file (JWT_PRIVATE_KEY)' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -l timeout -d 'Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -l max-time -d 'Bound the whole run\'s network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call\'s body]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -l cacert -d 'Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -l json -d 'Print the decoded token as JSON'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -l fetch -d 'With no TOKEN: get one (from the cache or IMS, as token does) when none is cached'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -l online -d 'Also ask IMS whether the token is still valid (revoked or expired tokens are not)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -l stage -d 'Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand completions" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand completions" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand completions" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand demo" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand demo" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand demo" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand ims-emulator" -l port -d 'Port on 127.0.0.1 (0 picks a free one; the address is printed on stdout)' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand ims-emulator" -l certificate -d 'Accept JWT assertions signed by this certificate\'s key (repeatable); default: the .env\'s key' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand ims-emulator" -l env-file -d 'The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]' -r -F
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand ims-emulator" -l profile -d 'Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]' -r
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand ims-emulator" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand ims-emulator" -l without-io-management -d 'Emulate a project without the I/O Management API: IMS refuses its scopes (for `secret`)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand ims-emulator" -s v -l verbose -d 'Log requests (-v) and more detail (-vv) to stderr, secrets redacted'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand ims-emulator" -s q -l quiet -d 'Silence warnings, hints and progress (never errors)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand ims-emulator" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and not __fish_seen_subcommand_from encode-key import check-env token call exec status secret keychain inspect completions demo ims-emulator help" -f -a "encode-key" -d 'Base64-encode a PEM private key for a .env (replaces base64 / certutil)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and not __fish_seen_subcommand_from encode-key import check-env token call exec status secret keychain inspect completions demo ims-emulator help" -f -a "import" -d 'Write a credential of a Developer Console project file into the .env'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and not __fish_seen_subcommand_from encode-key import check-env token call exec status secret keychain inspect completions demo ims-emulator help" -f -a "check-env" -d 'Validate the credentials in .env + environment, and the App Builder inputs mapping'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and not __fish_seen_subcommand_from encode-key import check-env token call exec status secret keychain inspect completions demo ims-emulator help" -f -a "token" -d 'Print a ready IMS access token (cached)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and not __fish_seen_subcommand_from encode-key import check-env token call exec status secret keychain inspect completions demo ims-emulator help" -f -a "call" -d 'Call an Adobe API with the token and the usual headers'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and not __fish_seen_subcommand_from encode-key import check-env token call exec status secret keychain inspect completions demo ims-emulator help" -f -a "exec" -d 'Run a command with the token in its environment (ADOBE_ACCESS_TOKEN), and no secret'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and not __fish_seen_subcommand_from encode-key import check-env token call exec status secret keychain inspect completions demo ims-emulator help" -f -a "status" -d 'Every credential set the .env and the environment hold, and their cached tokens (offline)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and not __fish_seen_subcommand_from encode-key import check-env token call exec status secret keychain inspect completions demo ims-emulator help" -f -a "secret" -d 'Rotate the OAuth Server-to-Server client secret through the Developer Console: list, rotate, delete, prune'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and not __fish_seen_subcommand_from encode-key import check-env token call exec status secret keychain inspect completions demo ims-emulator help" -f -a "keychain" -d 'Keep a credential\'s long-lived secrets off disk, in the OS keychain or an encrypted file: add, list, remove, restore'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and not __fish_seen_subcommand_from encode-key import check-env token call exec status secret keychain inspect completions demo ims-emulator help" -f -a "inspect" -d 'Decode an IMS access token: who, which scopes, when it expires'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and not __fish_seen_subcommand_from encode-key import check-env token call exec status secret keychain inspect completions demo ims-emulator help" -f -a "completions" -d 'Print a shell completion script'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and not __fish_seen_subcommand_from encode-key import check-env token call exec status secret keychain inspect completions demo ims-emulator help" -f -a "demo" -d 'The whole flow, offline, against the built-in IMS emulator'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and not __fish_seen_subcommand_from encode-key import check-env token call exec status secret keychain inspect completions demo ims-emulator help" -f -a "ims-emulator" -d 'Serve a strict IMS stand-in on loopback for offline pipeline tests'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and not __fish_seen_subcommand_from encode-key import check-env token call exec status secret keychain inspect completions demo ims-emulator help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "list" -d 'The credential\'s client secrets: uuid, creation, last use per grant type (never a value)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "rotate" -d 'Add a client secret, write it where the current one is defined, prove it with a token, and say what is next'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "delete" -d 'Delete a client secret by its uuid, never the one in use (asks on a terminal; --yes otherwise)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "prune" -d 'Delete every secret but the one in use that has not been used for --idle (asks; --yes otherwise)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and __fish_seen_subcommand_from keychain" -f -a "add" -d 'Move the credential\'s secrets from the .env into the keychain (stored and read back before the .env is edited)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and __fish_seen_subcommand_from keychain" -f -a "list" -d 'The keychain\'s entries: kind, client id, which secrets, store, when stored (never a value)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and __fish_seen_subcommand_from keychain" -f -a "remove" -d 'Delete the credential\'s keychain entry (asks on a terminal; --yes otherwise)'
complete -c adobe-jwt -n "__fish_adobe_jwt_using_subcommand help; and __fish_seen_subcommand_from keychain" -f -a "restore" -d 'Move the credential\'s secrets from the keychain back into the .env (the .env edit is proven before the entry goes)'
