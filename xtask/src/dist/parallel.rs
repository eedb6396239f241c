//! The parts of the build that grow with the archive are spread over the
//! machine's cores: pre-rendering every route (`pages.rs`), drawing the
//! share images (`share.rs`), compressing every file (`compress.rs`),
//! reading every page for the site's check (`check.rs`) and the search
//! shards' keys (`search.rs`), and every file for its digest (`digest.rs`).

use crate::tools::Result;

fn workers() -> usize {
    std::thread::available_parallelism().map_or(2, usize::from)
}

/// Runs `f` on every item, the items dealt out round-robin to the workers;
/// the first error wins.
pub(crate) fn each<T: Sync>(items: &[T], f: impl Fn(&[&T]) -> Result + Sync) -> Result {
    let n = workers().min(items.len()).max(1);
    let shares: Vec<Vec<&T>> = (0..n)
        .map(|w| items.iter().skip(w).step_by(n).collect())
        .collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = shares.iter().map(|share| s.spawn(|| f(share))).collect();
        handles.into_iter().try_for_each(|h| {
            h.join()
                .unwrap_or_else(|_| Err("a build worker panicked".into()))
        })
    })
}

/// `f` of every item, on every core, in the items' order; the error of
/// the first item that failed, whatever the number of cores.
pub(crate) fn map<T: Sync, U: Send>(
    items: &[T],
    f: impl Fn(&T) -> Result<U> + Sync,
) -> Result<Vec<U>> {
    let n = workers().min(items.len()).max(1);
    // Each worker's results, or the first item it failed on and why.
    type Done<U> = std::result::Result<Vec<(usize, U)>, (usize, String)>;
    let done: Vec<Done<U>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..n)
            .map(|w| {
                let f = &f;
                s.spawn(move || -> Done<U> {
                    let mut out = Vec::new();
                    for i in (w..items.len()).step_by(n) {
                        out.push((i, f(&items[i]).map_err(|e| (i, e))?));
                    }
                    Ok(out)
                })
            })
            .collect();
        // Every worker joined, whichever failed.
        (handles.into_iter())
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err((0, "a build worker panicked".into())))
            })
            .collect()
    });
    let mut all = Vec::with_capacity(items.len());
    let mut failed: Option<(usize, String)> = None;
    for d in done {
        match d {
            Ok(v) => all.extend(v),
            Err(e) if failed.as_ref().is_none_or(|f| e.0 < f.0) => failed = Some(e),
            Err(_) => {}
        }
    }
    if let Some((_, e)) = failed {
        return Err(e);
    }
    all.sort_by_key(|(i, _)| *i);
    Ok(all.into_iter().map(|(_, u)| u).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_keeps_the_items_order_and_an_error() {
        let items: Vec<u32> = (0..101).collect();
        assert_eq!(
            map(&items, |x| Ok(x * 2)).unwrap(),
            (0..101).map(|x| x * 2).collect::<Vec<_>>()
        );
        let failed = map(&items, |x| {
            if *x == 57 || *x == 58 {
                Err(x.to_string())
            } else {
                Ok(*x)
            }
        });
        assert_eq!(failed, Err("57".to_string()), "the first item's error");
    }

    #[test]
    fn every_item_is_done_once_and_an_error_is_not_lost() {
        let items: Vec<u32> = (0..101).collect();
        let seen = std::sync::Mutex::new(Vec::new());
        each(&items, |share| {
            seen.lock().unwrap().extend(share.iter().map(|x| **x));
            Ok(())
        })
        .unwrap();
        let mut seen = seen.into_inner().unwrap();
        seen.sort_unstable();
        assert_eq!(seen, items);
        let failed = each(&items, |share| {
            if share.iter().any(|x| **x == 57) {
                Err("57".into())
            } else {
                Ok(())
            }
        });
        assert_eq!(failed, Err("57".to_string()));
    }
}
