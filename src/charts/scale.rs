//! Linear scales and tick choice.

/// Maps a data interval onto a pixel interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Linear {
    pub d0: f64,
    pub d1: f64,
    pub p0: f64,
    pub p1: f64,
}

impl Linear {
    /// A scale whose domain covers `values` and zero, widened to nice ticks.
    pub fn covering(values: impl IntoIterator<Item = f64>, p0: f64, p1: f64) -> Self {
        let (mut lo, mut hi) = (0.0f64, 0.0f64);
        for v in values {
            if v.is_finite() {
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
        if lo == hi {
            hi = lo + 1.0;
        }
        let step = nice_step((hi - lo) / 4.0);
        Self {
            d0: (lo / step).floor() * step,
            d1: (hi / step).ceil() * step,
            p0,
            p1,
        }
    }

    pub fn map(&self, v: f64) -> f64 {
        self.p0 + (v - self.d0) / (self.d1 - self.d0) * (self.p1 - self.p0)
    }

    /// The data value at a pixel (the inverse of `map`).
    pub fn invert(&self, p: f64) -> f64 {
        self.d0 + (p - self.p0) / (self.p1 - self.p0) * (self.d1 - self.d0)
    }

    /// Tick values: multiples of a nice step inside the domain, about `n` of them.
    pub fn ticks(&self, n: usize) -> Vec<f64> {
        let step = nice_step((self.d1 - self.d0) / n.max(1) as f64);
        let first = (self.d0 / step).ceil() as i64;
        let last = (self.d1 / step).floor() as i64;
        (first..=last).map(|i| i as f64 * step).collect()
    }
}

/// The nearest "nice" step (1, 2 or 5 times a power of ten) at or above `raw`.
pub fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps() {
        let cases = [
            (0.3, 0.5),
            (1.0, 1.0),
            (1.2, 2.0),
            (3.0, 5.0),
            (7.0, 10.0),
            (27_000.0, 50_000.0),
            (0.0, 1.0),
        ];
        for (raw, want) in cases {
            assert_eq!(nice_step(raw), want, "{raw}");
        }
    }

    #[test]
    fn scale_covers_zero_and_the_data_and_inverts() {
        let s = Linear::covering([-109_407.0, 85_848.0, 73_174.0], 0.0, 400.0);
        assert!(s.d0 <= -109_407.0 && s.d1 >= 85_848.0);
        assert!(s.ticks(4).iter().all(|t| *t >= s.d0 && *t <= s.d1));
        let z = s.map(0.0);
        assert!((s.invert(z)).abs() < 1e-9);
        assert!(s.ticks(4).contains(&0.0));
    }

    #[test]
    fn all_positive_data_starts_at_zero() {
        let s = Linear::covering([12_388.0, 25_000.0], 10.0, 110.0);
        assert_eq!(s.d0, 0.0);
        assert_eq!(s.map(0.0), 10.0);
    }
}
