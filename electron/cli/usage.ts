export const USAGE = `keyward — API token inventory on the command line (same vault and keychain as the app)

usage: keyward <command> [options]

commands:
  list        [--client X] [--provider P]
  add         --provider <printify|shippo|printago|thinkific|pixlpay|custom:id> --store <label> --name <name>
              [--client X] [--kind api-key|access-token] [--mode live|test] [--store-id ID] [--subdomain S]
              [--host H] [--scopes a,b] [--access full|custom] [--allow-ip CIDR ...] [--rate-limit N]
              [--plan free|starter|growth|pro|enterprise] [--created DATE] [--expires DATE]
              (the secret is read from standard input, or prompted for with echo off)
  check       [--all | --client X | --store X | --token ID] [--fail-on invalid,restricted,...]
              [--include-retired] (revoked, rotated and expired tokens are left out unless named by --token)
  quick-check --provider P [--kind K] [--store-id ID] [--subdomain S] [--host H]   (secret on stdin; nothing saved)
  expiring    --within <N>d
  findings    [--severity critical|warning|info] [--fail-on critical|warning|info|never]
  export      (secret-free JSON of the vault's metadata)
  remove      --token ID
  show        --token ID [--json]
  edit        --token ID [--name N] [--notes T] [--expires DATE|none] [--created DATE] [--status active|inactive|revoked]
              [--scopes a,b] [--mode live|test|none]
  rotate      --token ID [--name N] [--expires DATE|none] [--removed-first ID]
              (the new secret on standard input; follows the provider: a new value for the same token, or a new
              token beside the old one, whose id is printed; --removed-first names the token you removed at the
              provider to free a slot)
  revoke      --token ID   (records a revoke done at the provider)

options: --json (machine output), --data <dir> (or KEYWARD_DATA_DIR), --help
exit codes: 0 fine; 1 findings or outcomes at or above --fail-on (default: critical findings, invalid tokens,
            any token expiring within the window); 2 usage or input error; 3 keychain unavailable;
            4 the vault is locked by another Keyward process (try again in a moment)
environment: KEYWARD_DATA_DIR, KEYWARD_BASE_URL_<PRINTIFY|SHIPPO|PRINTAGO|THINKIFIC|PIXLPAY>`;
