//! `address-typo`: URLs, hosts, IPv4 addresses and ports that cannot be what was meant.
use std::ops::Range;

use super::{Findings, Rule};
use crate::expr::Lit;
use crate::finding::Severity;
use crate::repo::TRUSTED;
use crate::vocab::{distance, nearest_of};

pub const RULE: Rule = Rule {
    id: "address-typo",
    summary:
        "A URL scheme, host, IPv4 address or port that is malformed or one edit from a known one",
    severity: Severity::Error,
    docs: include_str!("../../rules/docs/address-typo.md"),
};

/// One problem in an address: the bytes it covers, what should stand there (if known),
/// and what is wrong.
struct Problem {
    range: Range<usize>,
    replacement: Option<String>,
    message: String,
}

pub fn check(lit: &Lit, out: &mut Findings) {
    let text = lit.text.as_str();
    let problem = match text.find("://") {
        Some(end) => check_url(text, end, out),
        None => broken_separator(text).or_else(|| check_bare(text)),
    };
    if let Some(problem) = problem {
        let replacements: Vec<String> = problem.replacement.into_iter().collect();
        out.on_literal(&RULE, lit, problem.range, &replacements, problem.message);
    } else if text.contains("://") {
        check_lone_host(lit, false, out);
    }
}

/// A value that stands where an address must (`proxy_pass`, `DATABASE_URL`, `*_PORT`,
/// `EXPOSE`): a URL, `host:port`, a host or a port number, taken as an address without
/// the evidence a plain string needs.
pub fn check_address(lit: &Lit, out: &mut Findings) {
    let text = lit.text.as_str();
    if text.is_empty()
        || text.contains(char::is_whitespace)
        || text.contains(['$', '{', '%', '<', '*'])
        || text.starts_with("unix:")
        || text.starts_with('/')
    {
        return;
    }
    let problem = match text.find("://") {
        Some(end) => check_url(text, end, out),
        // A port alone: `SMTP_PORT=99999`, `EXPOSE 80800`. Port 0 means any port (`from_port:
        // 0` in a firewall rule) or none.
        None if text.bytes().all(|b| b.is_ascii_digit()) => {
            let number: u64 = text.parse().unwrap_or(u64::MAX);
            (number > 65_535).then(|| Problem {
                range: 0..text.len(),
                replacement: None,
                message: format!("port {text} is outside 1–65535"),
            })
        }
        None => check_port_mapping(text).or_else(|| check_host_port(text, 0..text.len())),
    };
    match problem {
        Some(problem) => {
            let replacements: Vec<String> = problem.replacement.into_iter().collect();
            out.on_literal(&RULE, lit, problem.range, &replacements, problem.message);
        }
        None => check_lone_host(lit, true, out),
    }
}

/// A host one edit from a host the repository defines (a compose service, an nginx
/// upstream) or, where the value must be an address, one its URLs name three times or
/// more: `http://auth-servce:8080` beside a service `auth-service`.
fn check_lone_host(lit: &Lit, trust_counts: bool, out: &mut Findings) {
    let text = lit.text.as_str();
    let start = text.find("://").map_or(0, |i| i + 3);
    let rest = &text[start..];
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host_start = start + authority.rfind('@').map_or(0, |at| at + 1);
    let host_and_port = &text[host_start..start + authority.len()];
    let host = host_and_port.split(':').next().unwrap_or("");
    let repo = out.repo();
    let is_name = host.chars().any(|c| c.is_ascii_alphabetic())
        && host
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '.' | '_'));
    let known = |h: &str| repo.defines_host(h) || (trust_counts && repo.host_count(h) >= TRUSTED);
    if host.len() < 4 || !is_name || host == "localhost" || known(host) {
        return;
    }
    let mut hosts: Vec<&str> = repo.defined_hosts().collect();
    if trust_counts {
        hosts.extend(repo.hosts().filter(|(_, n)| *n >= TRUSTED).map(|(h, _)| h));
    }
    hosts.sort_unstable();
    hosts.dedup();
    let near = nearest_of(hosts, host, 1, &out.vocab().pairs);
    if let [one] = near.as_slice() {
        let message = format!("`{host}` is not a host defined here; did you mean `{one}`?");
        let range = host_start..host_start + host.len();
        out.on_literal(&RULE, lit, range, &[one.to_string()], message);
    }
}

fn check_url(text: &str, scheme_end: usize, out: &Findings) -> Option<Problem> {
    let scheme = &text[..scheme_end];
    if scheme.len() < 2
        || scheme.len() > 16
        || !scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    {
        return None;
    }
    let vocab = out.vocab();
    let lower = scheme.to_ascii_lowercase();
    if !vocab.schemes.contains(&lower) {
        if lower.len() < 3 {
            return None;
        }
        let near = vocab.schemes.nearest(&lower, 1, &vocab.pairs);
        return match near.as_slice() {
            [one] => Some(Problem {
                range: 0..scheme_end,
                replacement: Some(one.to_string()),
                message: format!("`{scheme}://` is not a URL scheme; did you mean `{one}://`?"),
            }),
            // `httpo://`: one slip from both `http` and `https`; the shorter needs no
            // letter added.
            [first, second] => {
                let one = if first.len() <= second.len() {
                    first
                } else {
                    second
                };
                Some(Problem {
                    range: 0..scheme_end,
                    replacement: Some(one.to_string()),
                    message: format!(
                        "`{scheme}://` is not a URL scheme; did you mean `{first}://` or `{second}://`?"
                    ),
                })
            }
            _ => None,
        };
    }
    let start = scheme_end + 3;
    let rest = &text[start..];
    let end = start + rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &text[start..end];
    if authority.contains(['{', '$', '%', '<', '*']) {
        return None; // A template or placeholder, not an address.
    }
    let host_start = start + authority.rfind('@').map_or(0, |at| at + 1);
    let host = &text[host_start..end];
    // A space inside a host, not one between two URLs (`https://a.example https://b.example`).
    // One stray space inside an address; not a sentence that mentions a URL, nor a list
    // (`http://a.example, b.example`).
    let one_gap = text.split_whitespace().count() == 2;
    let listed = host.contains([',', ';']);
    if host.contains(char::is_whitespace) && one_gap && !listed && !text[start..].contains("://") {
        let cleaned: String = host.chars().filter(|c| !c.is_whitespace()).collect();
        return Some(Problem {
            range: host_start..end,
            replacement: Some(cleaned),
            message: format!("the host `{host}` contains white space"),
        });
    }
    check_host_port(text, host_start..end)
}

/// Schemes whose URLs always name a host after `://`.
const WEB_SCHEMES: &[&str] = &["http", "https", "ws", "wss", "ftp", "ftps"];

/// `https:/laravel.com`, `https//github.com/x`: a web URL whose `://` lost a character.
/// Only when a host name follows, so a prefix tested on its own (`'http:/'`) is left alone.
fn broken_separator(text: &str) -> Option<Problem> {
    let scheme_end = text.find([':', '/'])?;
    let scheme = &text[..scheme_end];
    if !WEB_SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(scheme)) {
        return None;
    }
    let rest = &text[scheme_end..];
    let written = if rest.starts_with("://") {
        return None;
    } else if rest.starts_with(":/") {
        ":/"
    } else if rest.starts_with("//") {
        "//"
    } else {
        return None;
    };
    let after = &rest[written.len()..];
    let host = &after[..after.find(['/', '?', '#']).unwrap_or(after.len())];
    let host_name = host.split(':').next().unwrap_or("");
    let named = host_name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && (host_name.contains('.') || host_name == "localhost")
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-.:_".contains(c));
    if !named || text.contains(char::is_whitespace) {
        return None;
    }
    let end = scheme_end + written.len();
    Some(Problem {
        range: 0..end,
        replacement: Some(format!("{scheme}://")),
        message: format!(
            "`{}` is not how a URL begins; did you mean `{scheme}://`?",
            &text[..end]
        ),
    })
}

/// A published port mapping where an address stands (`ports:` of a compose service):
/// `8080:80`, `127.0.0.1:8080:80/tcp`, `3000-3005:3000-3005`; a number over 65535 cannot
/// be a port.
fn check_port_mapping(text: &str) -> Option<Problem> {
    let body = text.split_once('/').map_or(text, |(ports, _)| ports);
    let parts: Vec<&str> = body.rsplitn(3, ':').collect();
    // The container port and the published one, both numbers or ranges of numbers.
    let numbers = |part: &str| {
        !part.is_empty()
            && part.split('-').count() <= 2
            && part
                .split('-')
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    if parts.len() < 2 || !parts[..2].iter().all(|p| numbers(p)) {
        return None;
    }
    let mut at = body.len();
    for part in &parts[..2] {
        let start = at - part.len();
        let mut offset = start;
        for number in part.split('-') {
            if number.parse::<u64>().unwrap_or(u64::MAX) > 65_535 {
                return Some(Problem {
                    range: offset..offset + number.len(),
                    replacement: None,
                    message: format!("port {number} is outside 1–65535"),
                });
            }
            offset += number.len() + 1;
        }
        at = start.saturating_sub(1);
    }
    None
}

/// A string that is an address and nothing else: `10.0.0.300`, `localhsot:8080`, `db:99999`.
fn check_bare(text: &str) -> Option<Problem> {
    if text.is_empty() || text.contains(char::is_whitespace) || text.contains('/') {
        return None;
    }
    let host_end = text.rfind(':').unwrap_or(text.len());
    let host = &text[..host_end];
    let port = text.get(host_end + 1..);
    let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let is_ip_like = host.split('.').all(all_digits);
    let is_host_name = host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    let looks_like_address = if is_ip_like {
        // Only four parts look like an address; other dotted numbers are versions.
        host.split('.').count() == 4
    } else {
        match port {
            // Alone, only one slip away: `localhour` is a word, `localhsot` is not.
            None => {
                is_host_name
                    && is_near_localhost(host)
                    && host.chars().all(|c| c.is_ascii_lowercase())
                    && distance(host, "localhost") == 1
            }
            Some(port) => {
                all_digits(port)
                    && is_host_name
                    && (host.contains('.') || host == "localhost" || is_near_localhost(host))
            }
        }
    };
    if !looks_like_address {
        return None;
    }
    check_host_port(text, 0..text.len())
}

fn check_host_port(text: &str, range: Range<usize>) -> Option<Problem> {
    let authority = &text[range.clone()];
    if authority.starts_with('[') {
        return None; // IPv6 literal.
    }
    let (host, port) = match authority.rfind(':') {
        Some(colon) => (
            &authority[..colon],
            Some((range.start + colon + 1, &authority[colon + 1..])),
        ),
        None => (authority, None),
    };
    let host_range = range.start..range.start + host.len();
    if let Some((port_start, port)) = port {
        if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) {
            let number: u64 = port.parse().unwrap_or(u64::MAX);
            if number > 65_535 {
                return Some(Problem {
                    range: port_start..port_start + port.len(),
                    replacement: None,
                    message: format!("port {port} is outside 1–65535"),
                });
            }
        }
    }
    if !host.is_empty() && host.chars().all(|c| c.is_ascii_digit() || c == '.') {
        let octets: Vec<&str> = host.split('.').collect();
        // `rdar://1234`: a number with no dot names a record, not an address.
        if octets.len() < 3 {
            return None;
        }
        if octets.len() != 4 {
            return Some(Problem {
                range: host_range,
                replacement: None,
                message: format!(
                    "`{host}` has {} parts; an IPv4 address has four",
                    octets.len()
                ),
            });
        }
        let valid = |o: &str| o.len() <= 3 && o.parse::<u16>().is_ok_and(|n| n <= 255);
        let bad: Vec<&str> = octets.iter().copied().filter(|o| !valid(o)).collect();
        // One slip spoils one octet and leaves a number a hand could have meant:
        // `10.34.10.724`, `192.168.1.2555`. Two bad parts, a part padded with zeros
        // (`04.10.00.0000`) or a part no slip makes (`4401`) are a version or an object
        // identifier, not an address.
        let slip = |bad: &str| {
            octets.iter().filter(|o| **o != bad).all(|o| is_octet(o))
                && (0..=255).any(|n: u16| distance(bad, &n.to_string()) == 1)
        };
        return match bad[..] {
            [bad] if slip(bad) => Some(Problem {
                // Only the bad part is wrong: its place among the host's parts.
                range: octet_range(&octets, bad, host_range.start),
                replacement: None,
                message: format!(
                    "`{host}` is not an IPv4 address: `{bad}` is not a number from 0 to 255"
                ),
            }),
            _ => None,
        };
    }
    if is_near_localhost(host) {
        return Some(Problem {
            range: host_range,
            replacement: Some("localhost".to_string()),
            message: format!("`{host}` looks like a typo of `localhost`"),
        });
    }
    None
}

/// Where the first part equal to `bad` stands, the host beginning at `start`.
fn octet_range(octets: &[&str], bad: &str, start: usize) -> Range<usize> {
    let mut at = start;
    for octet in octets {
        if *octet == bad {
            return at..at + octet.len();
        }
        at += octet.len() + 1;
    }
    start..start
}

/// A number from 0 to 255 written without leading zeros.
fn is_octet(part: &str) -> bool {
    part.parse::<u16>()
        .is_ok_and(|n| n <= 255 && n.to_string() == part)
}

fn is_near_localhost(host: &str) -> bool {
    let lower = host.to_ascii_lowercase();
    lower != "localhost"
        && lower.len() >= 7
        && lower.chars().all(|c| c.is_ascii_alphabetic())
        && distance(&lower, "localhost") <= 2
        // A changed first key makes other words; its swap with the second does not.
        && (lower.starts_with('l') || lower.starts_with("ol") && distance(&lower, "localhost") == 1)
}
