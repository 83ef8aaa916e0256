//! What the fsync behind "Saved" costs (see `fsync_cost`).

use std::path::Path;
use std::time::Instant;

/// What the fsync behind "Saved" costs: a small value written to sled and flushed, as a save
/// was acknowledged before (sled's flush ends in `sync_file_range`, not durable), and the same
/// followed by an `fdatasync` of the db file, as `Store::flush` does now. Alternated, 300 each,
/// on the disk of the temporary directory.
pub fn fsync_cost(dir: &Path) {
    let path = dir.join("fsync-cost");
    let db = sled::Config::new().path(&path).open().expect("sled");
    let file = std::fs::File::open(path.join("db")).expect("db file");
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for i in 0..600u32 {
        let t = Instant::now();
        db.insert(i.to_be_bytes(), vec![7u8; 400]).expect("insert");
        db.flush().expect("flush");
        if i % 2 == 0 {
            before.push(t.elapsed());
        } else {
            file.sync_data().expect("fdatasync");
            after.push(t.elapsed());
        }
    }
    let pct = |times: &mut Vec<std::time::Duration>, q: f64| {
        times.sort();
        let i = ((times.len() as f64 * q) as usize).min(times.len() - 1);
        times[i].as_secs_f64() * 1000.0
    };
    println!(
        "save's flush before the fsync: p50 {:.2} ms, p99 {:.2} ms; with the fdatasync: p50 {:.2} ms, p99 {:.2} ms",
        pct(&mut before, 0.5),
        pct(&mut before, 0.99),
        pct(&mut after, 0.5),
        pct(&mut after, 0.99)
    );
}
