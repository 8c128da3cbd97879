//! The test harness: generated key fixtures, an isolated command, and leak checks.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;
use std::time::Duration;

use assert_cmd::Command;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use pkcs8::LineEnding;
use pkcs8::der::{Decode, Encode};

#[path = "../../src/keygen.rs"]
mod keygen;

pub const CLIENT_ID: &str = "4f0c1a2b3c4d5e6f7a8b9c0d1e2f3a4b";
pub const CLIENT_SECRET: &str = "p8e-Zq3TestSecretValue-0123456789abcdef";
pub const TECH_ACCOUNT: &str = "0A1B2C3D4E5F60718293A4B5@techacct.adobe.com";
pub const ORG: &str = "F00DFACE1234567890ABCDEF@AdobeOrg";
pub const METASCOPES: &str = "ent_analytics_bulk_ingest_sdk";
pub const PASSPHRASE: &str = "correct horse battery staple";
pub const OAUTH_CLIENT_ID: &str = "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b";
pub const OAUTH_SECRET: &str = "p8e-OAuthSecretValue-fedcba9876543210";
pub const OAUTH_SCOPES: &str = r#"["openid","AdobeID","read_organizations"]"#;

/// Keys and certificates made once per test binary; nothing private is committed.
pub struct Fixtures {
    pub pkcs8: String,
    /// Another valid key: the Console's certificate does not match it.
    pub other: String,
    pub pkcs1: String,
    pub encrypted: String,
    pub small: String,
    pub ec: String,
    pub public: String,
    pub certificate: String,
    pub other_certificate: String,
    pub expired_certificate: String,
    pub expiring_certificate: String,
}

pub fn fixtures() -> &'static Fixtures {
    static F: OnceLock<Fixtures> = OnceLock::new();
    F.get_or_init(|| {
        let key = keygen::rsa_pkcs8_der(2048);
        let other = keygen::rsa_pkcs8_der(2048);
        let small = keygen::rsa_pkcs8_der(1024);
        let params =
            pkcs8::pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(2048, &[7u8; 16], &[9u8; 16])
                .expect("params");
        let encrypted = pkcs8::PrivateKeyInfo::from_der(&key)
            .expect("info")
            .encrypt_with_params(params, PASSPHRASE)
            .expect("encrypt")
            .to_pem("ENCRYPTED PRIVATE KEY", LineEnding::LF)
            .expect("pem")
            .to_string();
        let ec = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)
            .expect("ec")
            .serialize_pem();
        let cert = |k: &[u8], from: (i32, u8, u8), to: (i32, u8, u8)| {
            let pem = pem("PRIVATE KEY", k);
            let pair = rcgen::KeyPair::from_pkcs8_pem_and_sign_algo(&pem, &rcgen::PKCS_RSA_SHA256)
                .expect("rcgen key");
            let mut params =
                rcgen::CertificateParams::new(vec!["adobe-jwt-test".into()]).expect("params");
            params.not_before = rcgen::date_time_ymd(from.0, from.1, from.2);
            params.not_after = rcgen::date_time_ymd(to.0, to.1, to.2);
            params.self_signed(&pair).expect("cert").pem()
        };
        let soon = soon_date();
        Fixtures {
            pkcs1: pem("RSA PRIVATE KEY", &pkcs1_der(&key)),
            encrypted,
            small: pem("PRIVATE KEY", &small),
            ec,
            public: pem("PUBLIC KEY", &spki_der(&key)),
            other: pem("PRIVATE KEY", &other),
            certificate: cert(&key, (2024, 1, 1), (2099, 1, 1)),
            other_certificate: cert(&other, (2024, 1, 1), (2099, 1, 1)),
            expired_certificate: cert(&key, (2020, 1, 1), (2021, 1, 1)),
            expiring_certificate: cert(&key, (2024, 1, 1), soon),
            pkcs8: pem("PRIVATE KEY", &key),
        }
    })
}

pub fn pem(label: &str, der: &[u8]) -> String {
    pkcs8::der::pem::encode_string(label, LineEnding::LF, der).expect("pem")
}

/// The PKCS#1 `RSAPrivateKey` inside a PKCS#8 key.
pub fn pkcs1_der(pkcs8: &[u8]) -> Vec<u8> {
    pkcs8::PrivateKeyInfo::from_der(pkcs8)
        .expect("info")
        .private_key
        .to_vec()
}

/// The public half of a PKCS#8 RSA key as `SubjectPublicKeyInfo` DER, worked out by ring.
pub fn spki_der(pkcs8: &[u8]) -> Vec<u8> {
    use ring::signature::KeyPair;
    let pair = ring::signature::RsaKeyPair::from_pkcs8(pkcs8).expect("ring reads it");
    pkcs8::spki::SubjectPublicKeyInfoRef {
        algorithm: pkcs8::AlgorithmIdentifierRef {
            oid: pkcs8::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1"),
            parameters: Some(pkcs8::der::asn1::AnyRef::NULL),
        },
        subject_public_key: pkcs8::der::asn1::BitStringRef::from_bytes(pair.public_key().as_ref())
            .expect("bit string"),
    }
    .to_der()
    .expect("SPKI")
}

/// An HTTP client for the tests' own requests to the emulator, on the ring provider the product
/// uses (installed once per test binary).
pub fn http_client() -> reqwest::blocking::Client {
    static PROVIDER: OnceLock<()> = OnceLock::new();
    PROVIDER.get_or_init(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
    reqwest::blocking::Client::builder()
        .no_proxy()
        .build()
        .expect("client")
}

/// A date ten days from now, for a certificate that expires soon.
fn soon_date() -> (i32, u8, u8) {
    let when = std::time::SystemTime::now() + std::time::Duration::from_secs(10 * 86400);
    let text = humantime::format_rfc3339(when).to_string();
    let field = |r: std::ops::Range<usize>| text[r].parse::<i32>().expect("date field");
    (field(0..4), field(5..7) as u8, field(8..10) as u8)
}

/// How long any command a test runs may take: past it the command is killed and that one test
/// fails, rather than the suite hanging. Commands take milliseconds; the soak's 10,000 runs are
/// bounded one by one.
pub const DEADLINE: Duration = Duration::from_secs(60);

/// Whether the tests run as Windows programs under Wine (.ci/windows sets WINEPREFIX, which Wine
/// passes on). There a wait with a time limit (WaitForSingleObject with a timeout, which assert_cmd's
/// `timeout` uses) fails now and then with ERROR_INTERNAL_ERROR (1359): once in about 400 runs of
/// the leak matrix. Under Wine, assert_cmd's commands wait without the limit, and the CI step's own
/// limit stands in; [`Bounded`] and [`wait_bounded`] keep theirs (they poll instead).
pub fn under_wine() -> bool {
    cfg!(windows) && std::env::var_os("WINEPREFIX").is_some()
}

/// `output()` and `status()` for std commands, bounded by [`DEADLINE`].
pub trait Bounded {
    /// Run with stdout and stderr captured (as `output()` does).
    fn output_bounded(&mut self) -> Output;
    /// Run with the streams as configured (as `status()` does).
    fn status_bounded(&mut self) -> std::process::ExitStatus;
}

impl Bounded for std::process::Command {
    fn output_bounded(&mut self) -> Output {
        let child = self
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the command starts");
        wait_bounded(child)
    }

    fn status_bounded(&mut self) -> std::process::ExitStatus {
        wait_bounded(self.spawn().expect("the command starts")).status
    }
}

/// Wait for a spawned child at most [`DEADLINE`], reading its piped stdout and stderr meanwhile
/// (a child blocked on a full pipe would look like a hang); past it, kill it and fail the test.
pub fn wait_bounded(mut child: std::process::Child) -> Output {
    use wait_timeout::ChildExt;
    fn drain(
        pipe: Option<impl std::io::Read + Send + 'static>,
    ) -> std::thread::JoinHandle<Vec<u8>> {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut buf);
            }
            buf
        })
    }
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = if under_wine() {
        poll(&mut child)
    } else {
        child.wait_timeout(DEADLINE).expect("wait")
    };
    let Some(status) = status else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("the command ran past {DEADLINE:?} and was killed");
    };
    Output {
        status,
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
    }
}

/// Wait for the child by polling, at most [`DEADLINE`] (see [`under_wine`]).
fn poll(child: &mut std::process::Child) -> Option<std::process::ExitStatus> {
    let started = std::time::Instant::now();
    while started.elapsed() < DEADLINE {
        if let Some(status) = child.try_wait().expect("wait") {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    None
}

/// Single-line base64 of text, as encode-key writes it.
pub fn b64(text: &str) -> String {
    STANDARD.encode(text.as_bytes())
}

/// A temporary project folder; commands run inside it with a clean environment.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::create_dir_all(dir.path().join("home")).expect("home");
        Self { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, content: &str) -> PathBuf {
        let path = self.path(name);
        fs::write(&path, content).expect("write");
        set_mode(&path, 0o600);
        path
    }

    pub fn read(&self, name: &str) -> String {
        fs::read_to_string(self.path(name)).expect("read")
    }

    /// Run the binary with these arguments (see [`Project::cmd`]) and collect what it printed.
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("runs")
    }

    /// The binary, run in the project folder with nothing from the developer's environment:
    /// HOME and the cache dir point inside the project.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::from_std(self.std_cmd());
        if !under_wine() {
            cmd.timeout(DEADLINE);
        }
        cmd
    }

    /// [`Project::cmd`] as a plain std command, for children run in the background: wait for them
    /// with [`Bounded`] or [`wait_bounded`]. Its stdin is empty unless a test gives it one.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("adobe-jwt"));
        cmd.stdin(std::process::Stdio::null())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .envs(windows_essentials())
            .env("HOME", self.path("home"))
            .env("XDG_CACHE_HOME", self.path("home/.cache"))
            // Windows and macOS take the cache folder from the OS, not HOME: name it outright.
            .env("ADOBE_JWT_CACHE_DIR", self.path("home/.cache/adobe-jwt"))
            .env("ADOBE_JWT_CACHE", "file")
            // The keychain: a file of the project's own unless a test asks for the OS store, which
            // it then gives a D-Bus session and keyring of its own (`SecretService`).
            .env("ADOBE_JWT_KEYCHAIN", "file")
            .env("ADOBE_JWT_KEYCHAIN_FILE", self.path("home/keychain.age"))
            .current_dir(self.dir.path());
        cmd
    }

    /// The binary aimed at a stand-in IMS on loopback (nothing listens; offline commands make no
    /// request): JWT credentials work against any IMS but Adobe's, which ended them on 2026-03-01.
    pub fn jwt_cmd(&self) -> Command {
        let mut cmd = self.cmd();
        cmd.env("ADOBE_IMS_URL", STAND_IN_IMS);
        cmd
    }

    /// Run the binary with these arguments against the stand-in IMS (see [`Project::jwt_cmd`]).
    pub fn jwt_run(&self, args: &[&str]) -> Output {
        self.jwt_cmd().args(args).output().expect("runs")
    }

    /// A complete jwt .env with the key in the given form.
    pub fn jwt_env(&self, key_value: &str) -> PathBuf {
        self.write(".env", &jwt_env_text(key_value))
    }
}

pub fn jwt_env_text(key_value: &str) -> String {
    format!(
        "JWT_CLIENT_ID={CLIENT_ID}\nJWT_CLIENT_SECRET={CLIENT_SECRET}\nJWT_TECHNICAL_ACCOUNT_ID={TECH_ACCOUNT}\n\
JWT_IMS_ORG={ORG}\nJWT_METASCOPES={METASCOPES}\nJWT_PRIVATE_KEY={key_value}\n"
    )
}

pub fn oauth_env_text() -> String {
    format!(
        "IMS_OAUTH_S2S_CLIENT_ID={OAUTH_CLIENT_ID}\nIMS_OAUTH_S2S_CLIENT_SECRET={OAUTH_SECRET}\n\
IMS_OAUTH_S2S_ORG_ID={ORG}\nIMS_OAUTH_S2S_SCOPES='{OAUTH_SCOPES}'\n"
    )
}

/// The Developer Console's ids of the suite's OAuth credential (for `secret`).
pub const CONSOLE_ORG: &str = "25591412";
pub const CONSOLE_CREDENTIAL: &str = "487135";

pub fn console_ids_text() -> String {
    format!(
        "IMS_OAUTH_S2S_CONSOLE_ORG_ID={CONSOLE_ORG}\nIMS_OAUTH_S2S_CREDENTIAL_ID={CONSOLE_CREDENTIAL}\n"
    )
}

#[cfg(unix)]
pub fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

/// What a Windows process cannot start or use the network without (Winsock needs SystemRoot).
pub fn windows_essentials() -> Vec<(&'static str, std::ffi::OsString)> {
    if !cfg!(windows) {
        return Vec::new();
    }
    ["SystemRoot", "windir", "TEMP", "TMP"]
        .into_iter()
        .filter_map(|k| std::env::var_os(k).map(|v| (k, v)))
        .collect()
}

/// Windows has no mode bits: only "read-only" carries over.
#[cfg(not(unix))]
pub fn set_mode(path: &Path, mode: u32) {
    let mut permissions = fs::metadata(path).expect("stat").permissions();
    permissions.set_readonly(mode & 0o200 == 0);
    fs::set_permissions(path, permissions).expect("attributes");
}

#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).expect("stat").permissions().mode() & 0o7777
}

/// Every secret of the fixtures, by a name that can be printed.
pub fn secrets() -> Vec<(&'static str, String)> {
    let f = fixtures();
    let mut list = vec![
        ("client secret", CLIENT_SECRET.to_string()),
        ("oauth client secret", OAUTH_SECRET.to_string()),
        ("passphrase", PASSPHRASE.to_string()),
    ];
    for (name, pem) in [
        ("pkcs8 key", &f.pkcs8),
        ("pkcs1 key", &f.pkcs1),
        ("encrypted key", &f.encrypted),
    ] {
        list.extend(key_runs(pem).into_iter().map(|r| (name, r)));
        list.push(("base64 of a key", b64(pem)[..24].to_string()));
    }
    list
}

/// Every 16-character run of a PEM's base64 body, stepping by 8 so each 24-char window is covered.
pub fn key_runs(pem: &str) -> Vec<String> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let chars: Vec<char> = body.chars().collect();
    (0..chars.len().saturating_sub(16))
        .step_by(8)
        .map(|i| chars[i..i + 16].iter().collect())
        .collect()
}

/// Fail (without printing the secret or the output) when any secret appears in stdout or stderr.
pub fn assert_no_secrets(output: &Output) {
    assert_not_in(output, &secrets(), true);
}

/// Like [`assert_no_secrets`] but only stderr is checked (stdout legitimately holds a value).
pub fn assert_no_secrets_on_stderr(output: &Output) {
    assert_not_in(output, &secrets(), false);
}

pub fn assert_not_in(output: &Output, secrets: &[(&str, String)], check_stdout: bool) {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    for (name, secret) in secrets {
        assert!(
            !stderr.contains(secret.as_str()),
            "a {name} appeared on stderr"
        );
        if check_stdout {
            assert!(
                !stdout.contains(secret.as_str()),
                "a {name} appeared on stdout"
            );
        }
    }
}

/// Assert an exit code; on failure say what the run printed on stderr, [`redacted`]: under CI
/// stderr announces every secret to the runner (`::add-mask::VALUE`), and a failing run may print
/// what it must not.
#[track_caller]
pub fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "expected exit {code}; stderr was (redacted):\n{}",
        redacted(&stderr(output), &[])
    );
}

/// A run's text made fit for a failure message: each line that announces a value to a CI runner
/// (`::add-mask::VALUE`, `##vso[task.setsecret]VALUE`) is shown without it, and that value, each
/// secret of the fixtures and each of `also` (a token, a secret the test made) is `***` wherever
/// it appears.
pub fn redacted(text: &str, also: &[&str]) -> String {
    const AZURE: &str = "##vso[task.setsecret]";
    let mut values: Vec<String> = announced(text);
    values.extend(
        text.lines()
            .filter_map(|l| l.split_once(AZURE).map(|(_, v)| v.to_string())),
    );
    values.extend(secrets().into_iter().map(|(_, v)| v));
    values.extend(also.iter().map(|v| v.to_string()));
    values.retain(|v| !v.trim().is_empty());
    // Longest first, so that a value inside another is not left half shown.
    values.sort_by_key(|v| std::cmp::Reverse(v.len()));
    let mut shown = String::new();
    for line in text.split_inclusive('\n') {
        let end = if line.ends_with('\n') { "\n" } else { "" };
        if line.starts_with("::add-mask::") {
            shown.push_str(&format!("::add-mask::***{end}"));
            continue;
        }
        if let Some((before, _)) = line.split_once(AZURE) {
            shown.push_str(&format!("{before}{AZURE}***{end}"));
            continue;
        }
        let mut line = line.to_string();
        for v in &values {
            line = line.replace(v.as_str(), "***");
        }
        shown.push_str(&line);
    }
    shown
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

/// The product's own `ims-emulator`, run as a child process for the project's .env.
pub struct Emulator {
    child: std::process::Child,
    pub url: String,
}

impl Emulator {
    pub fn start(project: &Project, extra: &[&str]) -> Self {
        use std::io::BufRead;
        let mut cmd = project.std_cmd();
        cmd.args(["ims-emulator", "-q"])
            .args(extra)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null());
        let mut child = cmd.spawn().expect("emulator starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("emulator prints its URL");
        let url = line.trim().to_string();
        assert!(url.starts_with("http://127.0.0.1:"), "emulator URL: {url}");
        Self { child, url }
    }

    fn client() -> reqwest::blocking::Client {
        http_client()
    }

    /// Queue faults (a JSON object or array, as /__emulator/faults takes).
    pub fn fault(&self, faults: serde_json::Value) {
        let r = Self::client()
            .post(format!("{}/__emulator/faults", self.url))
            .body(faults.to_string())
            .send()
            .expect("control request");
        assert!(r.status().is_success());
    }

    /// How many requests reached a path.
    pub fn count(&self, path: &str) -> u64 {
        let stats: serde_json::Value = Self::client()
            .get(format!("{}/__emulator/stats", self.url))
            .send()
            .and_then(|r| r.text())
            .map(|t| serde_json::from_str(&t).expect("stats JSON"))
            .expect("stats");
        stats["requests"][path].as_u64().unwrap_or(0)
    }

    /// The secrets the emulated Console holds for a client: (uuid, value).
    pub fn secrets(&self, client_id: &str) -> Vec<(String, String)> {
        let all: serde_json::Value = Self::client()
            .get(format!("{}/__emulator/secrets", self.url))
            .send()
            .and_then(|r| r.text())
            .map(|t| serde_json::from_str(&t).expect("secrets JSON"))
            .expect("secrets");
        all.as_array()
            .expect("a list")
            .iter()
            .filter(|c| c["client_id"] == client_id)
            .flat_map(|c| c["secrets"].as_array().cloned().unwrap_or_default())
            .map(|s| {
                (
                    s["uuid"].as_str().expect("uuid").to_string(),
                    s["value"].as_str().expect("value").to_string(),
                )
            })
            .collect()
    }

    pub fn revoke(&self) {
        Self::client()
            .post(format!("{}/__emulator/revoke", self.url))
            .send()
            .expect("revoke");
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An IMS that is not Adobe's, where nothing listens: for offline JWT checks.
pub const STAND_IN_IMS: &str = "http://127.0.0.1:9";

pub const JWT_PATH: &str = "/ims/exchange/jwt";
pub const OAUTH_PATH: &str = "/ims/token/v3";

/// A project with both kinds of credentials and an emulator for them; commands point at it.
pub struct Ims {
    pub project: Project,
    pub emulator: Emulator,
}

impl Ims {
    pub fn start() -> Self {
        Self::start_with(&[])
    }

    /// The emulator started with these options (`--without-io-management`).
    pub fn start_with(options: &[&str]) -> Self {
        let project = Project::new();
        project.write(
            ".env",
            &format!(
                "{}{}{}",
                jwt_env_text(&b64(&fixtures().pkcs8)),
                oauth_env_text(),
                console_ids_text()
            ),
        );
        let emulator = Emulator::start(&project, options);
        Self { project, emulator }
    }

    /// The binary, aimed at the emulator (IMS and the Developer Console's API at once).
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = self.project.cmd();
        cmd.env("ADOBE_IMS_URL", &self.emulator.url)
            .env("ADOBE_CONSOLE_API_URL", &self.emulator.url);
        cmd
    }

    /// Run the binary aimed at the emulator with these arguments.
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("runs")
    }

    /// Run `token` with these arguments.
    pub fn token(&self, args: &[&str]) -> Output {
        self.cmd().arg("token").args(args).output().expect("runs")
    }
}

/// The claims of a JWT (assertion or access token), decoded without verification.
pub fn jwt_payload(token: &str) -> serde_json::Value {
    let part = token.trim().split('.').nth(1).expect("three parts");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part)
        .expect("base64url");
    serde_json::from_slice(&bytes).expect("JSON payload")
}

/// Fail if the token (or any secret) shows up anywhere but `token`'s stdout.
pub fn assert_token_only_on_stdout(output: &Output) {
    let token = stdout(output);
    let token = token.trim();
    assert_no_secrets_on_stderr(output);
    if !token.is_empty() {
        assert!(
            !stderr(output).contains(token),
            "the access token appeared on stderr"
        );
    }
}

/// `http://127.0.0.1:PORT` where nothing listens (the port was free a moment ago).
pub fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    format!("http://127.0.0.1:{port}")
}

/// An HTTP proxy on 127.0.0.1 that tunnels `CONNECT` requests to loopback targets and records every
/// request line it is sent (a plain-http request through it is answered 502).
pub struct RecordingProxy {
    pub url: String,
    seen: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl RecordingProxy {
    /// A proxy that tunnels only to this machine (`CONNECT 127.0.0.1:…` or `localhost:…`).
    pub fn start() -> Self {
        Self::listen(false)
    }

    /// A proxy that takes every tunnel, whatever host it names, to the same port on this machine:
    /// a stand-in for a host's DNS (`CONNECT ims-na1.adobelogin.com:PORT` reaches 127.0.0.1:PORT).
    pub fn start_to_loopback() -> Self {
        Self::listen(true)
    }

    fn listen(any_host: bool) -> Self {
        use std::io::{BufRead, BufReader, Write};
        use std::net::{TcpListener, TcpStream};
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = std::sync::Arc::clone(&seen);
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let log = std::sync::Arc::clone(&log);
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(client.try_clone().expect("clone"));
                    let mut first = String::new();
                    if reader.read_line(&mut first).unwrap_or(0) == 0 {
                        return;
                    }
                    loop {
                        let mut line = String::new();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                            break;
                        }
                    }
                    let first = first.trim().to_string();
                    log.lock().expect("log").push(first.clone());
                    let mut client = client;
                    // Tunnels only to this machine: a test never reaches the internet.
                    let target = first
                        .strip_prefix("CONNECT ")
                        .and_then(|rest| rest.split_whitespace().next())
                        .map(|t| match (any_host, t.rsplit_once(':')) {
                            (true, Some((_, port))) => format!("127.0.0.1:{port}"),
                            _ => t.replace("localhost", "127.0.0.1"),
                        })
                        .filter(|t| t.starts_with("127.0.0.1:"));
                    let Some(upstream) = target.and_then(|t| TcpStream::connect(t).ok()) else {
                        let _ = client
                            .write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
                        return;
                    };
                    let _ = client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
                    let (mut up_read, mut up_write) =
                        (upstream.try_clone().expect("clone"), upstream);
                    let mut client_write = client.try_clone().expect("clone");
                    std::thread::spawn(move || {
                        let _ = std::io::copy(&mut reader, &mut up_write);
                    });
                    let _ = std::io::copy(&mut up_read, &mut client_write);
                });
            }
        });
        Self { url, seen }
    }

    /// The request lines received so far (`CONNECT host:port HTTP/1.1`, `POST http://… HTTP/1.1`).
    pub fn seen(&self) -> Vec<String> {
        self.seen.lock().expect("log").clone()
    }
}

/// The values a GitHub mask line announces, in order, unescaped as the runner reads them.
pub fn announced(log: &str) -> Vec<String> {
    log.lines()
        .filter_map(|l| l.strip_prefix("::add-mask::"))
        .map(|v| {
            v.replace("%0D", "\r")
                .replace("%0A", "\n")
                .replace("%25", "%")
        })
        .collect()
}

/// A CI log as GitHub's runner shows it: mask lines hidden, and on every other line each value
/// announced on an earlier line replaced with `***`; with the values announced.
pub fn as_the_runner_shows(log: &str) -> (String, Vec<String>) {
    let mut masks: Vec<String> = Vec::new();
    let mut shown = String::new();
    for line in log.lines() {
        if let Some(value) = announced(line).pop() {
            masks.push(value);
            masks.sort_by_key(|m| std::cmp::Reverse(m.len()));
            continue;
        }
        let mut line = line.to_string();
        for m in &masks {
            line = line.replace(m.as_str(), "***");
        }
        shown.push_str(&line);
        shown.push('\n');
    }
    (shown, masks)
}
