//! URL canonicalisation: one URL, many spellings. Used by the duplicate rules (the same
//! project linked twice) and the URL rules (tracking parameters).

/// Query parameters that only track where a click came from; removing them never
/// changes the page.
pub const TRACKING_PARAMS: &[&str] = &[
    "spm",
    "from",
    "share_source",
    "fbclid",
    "gclid",
    "mc_cid",
    "mc_eid",
];

/// Whether a query parameter name only tracks the click (`utm_*` and [`TRACKING_PARAMS`]).
pub fn is_tracking_param(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.starts_with("utm_") || TRACKING_PARAMS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_parameters() {
        assert!(is_tracking_param("utm_source"));
        assert!(is_tracking_param("UTM_Campaign"));
        assert!(is_tracking_param("spm"));
        assert!(!is_tracking_param("page"));
    }
}
