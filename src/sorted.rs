//! Sorted slices, merged: how the duplicate rules compare two sections' texts and the
//! TOC's name matching compares two names' bigrams, without a lookup per item.

use std::cmp::Ordering;

/// The items two sorted slices have in common, in order, each as often as both hold it.
pub fn common<'a, T: Ord>(a: &'a [T], b: &'a [T]) -> impl Iterator<Item = &'a T> {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                Ordering::Less => i += 1,
                Ordering::Greater => j += 1,
                Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some(&a[i - 1]);
                }
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::common;
    use proptest::prelude::*;

    proptest! {
        /// Each value is common as many times as the fewer of its copies in the two.
        #[test]
        fn counts_each_value_as_often_as_both_hold_it(
            mut a in proptest::collection::vec(0u8..8, 0..20),
            mut b in proptest::collection::vec(0u8..8, 0..20),
        ) {
            a.sort_unstable();
            b.sort_unstable();
            let found: Vec<u8> = common(&a, &b).copied().collect();
            let mut expected = Vec::new();
            for value in 0u8..8 {
                let copies = |list: &[u8]| list.iter().filter(|&&x| x == value).count();
                expected.extend(std::iter::repeat_n(value, copies(&a).min(copies(&b))));
            }
            prop_assert_eq!(found, expected);
        }
    }
}
