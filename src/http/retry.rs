//! When a failed attempt is tried again: a pure decision, apart from the loop that sleeps and logs
//! (as uv keeps `should_retry`), so that it can be tested as a table.

use std::time::Duration;

/// At most this many attempts per request.
pub const MAX_ATTEMPTS: u32 = 3;
/// A server's Retry-After is honoured up to this long.
pub const RETRY_AFTER_CAP: Duration = Duration::from_secs(20);
const BACKOFF_BASE: Duration = Duration::from_millis(250);

/// What an attempt came to, as far as retrying cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// An answer with this status, and the Retry-After it asked for.
    Answered(u16, Option<Duration>),
    /// No answer: the connection failed, or no answer came in time.
    NoAnswer,
    /// The server's certificate is not trusted: trying again will not change that.
    Untrusted,
    /// Another failure of the request itself.
    Failed,
}

/// What to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Use this outcome as it is.
    Done,
    /// Try again after this pause.
    RetryAfter(Duration),
    /// The server asked to wait this long, more than the deadline leaves: give up at once.
    AskedTooLong(Duration),
}

/// Whether to try again after attempt `number` (from 1): connection failures, timeouts, 429 and
/// 5xx are retried, at most [`MAX_ATTEMPTS`] in all, when the request may be repeated
/// (`repeatable`) or the server said when (429 or 503 with a Retry-After); never other 4xx. A
/// Retry-After (capped at [`RETRY_AFTER_CAP`]) is the pause, else `backoff`; a pause the time `left`
/// cannot hold ends the retries.
pub fn should_retry(
    attempt: Attempt,
    number: u32,
    repeatable: bool,
    left: Duration,
    backoff: Duration,
) -> Decision {
    let (retryable, asked, explicit) = match attempt {
        Attempt::NoAnswer => (true, None, false),
        Attempt::Untrusted | Attempt::Failed => (false, None, false),
        Attempt::Answered(status, asked) if status == 429 || (500..600).contains(&status) => {
            (true, asked, asked.is_some() && matches!(status, 429 | 503))
        }
        Attempt::Answered(..) => (false, None, false),
    };
    if !retryable || number >= MAX_ATTEMPTS || !(repeatable || explicit) {
        return Decision::Done;
    }
    if let Some(asked) = asked.filter(|a| *a > left) {
        return Decision::AskedTooLong(asked);
    }
    let pause = asked.map_or(backoff, |a| a.min(RETRY_AFTER_CAP));
    if pause >= left {
        return Decision::Done;
    }
    Decision::RetryAfter(pause)
}

/// Exponential backoff with jitter: about 250 ms, 500 ms, … each between 50% and 150%.
pub fn backoff(attempt: u32) -> Duration {
    let base = BACKOFF_BASE * 2u32.pow(attempt.saturating_sub(1));
    base.mul_f64(0.5 + fastrand::f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_retry_rules_as_a_table() {
        use Attempt::*;
        use Decision::*;
        let s = Duration::from_secs;
        let pause = Duration::from_millis(300);
        #[rustfmt::skip]
        let table: [(Attempt, u32, bool, Duration, Decision); 16] = [
            // what happened          attempt repeatable left   decision
            (NoAnswer,                1, true,  s(60), RetryAfter(pause)),
            (NoAnswer,                3, true,  s(60), Done),
            (NoAnswer,                1, false, s(60), Done),
            (Untrusted,               1, true,  s(60), Done),
            (Failed,                  1, true,  s(60), Done),
            (Answered(200, None),     1, true,  s(60), Done),
            (Answered(400, None),     1, true,  s(60), Done),
            (Answered(401, Some(s(1))), 1, true, s(60), Done),
            (Answered(500, None),     1, true,  s(60), RetryAfter(pause)),
            (Answered(503, None),     2, true,  s(60), RetryAfter(pause)),
            (Answered(500, None),     1, false, s(60), Done),
            (Answered(503, Some(s(2))), 1, false, s(60), RetryAfter(s(2))),
            (Answered(429, Some(s(90))), 1, true, s(60), AskedTooLong(s(90))),
            (Answered(429, Some(s(40))), 1, true, s(60), RetryAfter(RETRY_AFTER_CAP)),
            (Answered(502, Some(s(2))), 1, false, s(60), Done),
            (NoAnswer,                1, true,  Duration::from_millis(100), Done),
        ];
        for (i, (attempt, number, repeatable, left, want)) in table.into_iter().enumerate() {
            assert_eq!(
                should_retry(attempt, number, repeatable, left, pause),
                want,
                "row {i}: {attempt:?} attempt {number}"
            );
        }
    }

    #[test]
    fn backoff_grows_with_jitter() {
        for attempt in 1..=3 {
            let base = BACKOFF_BASE * 2u32.pow(attempt - 1);
            let b = backoff(attempt);
            assert!(
                b >= base / 2 && b <= base * 3 / 2,
                "attempt {attempt}: {b:?}"
            );
        }
    }
}
