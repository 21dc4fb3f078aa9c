//! Scratch storage for what a run keeps until its end but need not hold in memory: records
//! appended as bytes and read back by their [`Place`]. A run's spill files live in the
//! report's staging folder ([`super::PageDir::spill`]), so a failed or killed run leaves
//! nothing behind that the next run does not remove, and none ever reaches `report/`.
//! Small jobs (a dataset read back, tests) keep the bytes in memory ([`Spill::memory`]).
//!
//! A record is written with [`Record`] and read with [`Reader`]: strings length-prefixed,
//! numbers as their bits, so what is read back is exactly what was written.

use std::fs::File;
use std::io::Write;
use std::path::PathBuf;

use crate::error::{Error, Result};

/// Where a record is: its offset and length packed into 8 bytes (a run keeps one of these
/// per spilled record): 40 bits of offset (1 TB), 24 of length (16 MB).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place(u64);

const LEN_BITS: u32 = 24;

impl Place {
    fn at(self) -> u64 {
        self.0 >> LEN_BITS
    }
    fn len(self) -> usize {
        (self.0 & ((1 << LEN_BITS) - 1)) as usize
    }
}

/// Appended records, in a file (buffered: the last bytes may still be in memory) or in memory.
pub struct Spill {
    file: Option<(PathBuf, File)>,
    /// The bytes from `flushed` on, not yet in the file (all of them without a file).
    buf: Vec<u8>,
    flushed: u64,
}

/// Buffered bytes are written out in blocks of about this size.
const FLUSH_AT: usize = 1 << 16;

impl Spill {
    /// Records kept in memory.
    pub fn memory() -> Self {
        Spill {
            file: None,
            buf: Vec::new(),
            flushed: 0,
        }
    }

    /// Records kept in a new file at `path` (removed when the spill is dropped).
    pub fn create(path: PathBuf) -> Result<Self> {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        Ok(Spill {
            file: Some((path, file)),
            buf: Vec::with_capacity(FLUSH_AT),
            flushed: 0,
        })
    }

    /// Append one record.
    pub fn append(&mut self, record: &Record) -> Result<Place> {
        let bytes = &record.0;
        let at = self.flushed + self.buf.len() as u64;
        if bytes.len() >= 1 << LEN_BITS || at >= 1 << (64 - LEN_BITS) {
            return Err(Error::Other(format!(
                "scratch record of {} bytes at {at}: too large",
                bytes.len()
            )));
        }
        self.buf.extend_from_slice(bytes);
        if let Some((path, file)) = &mut self.file
            && self.buf.len() >= FLUSH_AT
        {
            file.write_all(&self.buf)
                .map_err(|e| Error::io(path.as_path(), e))?;
            self.flushed += self.buf.len() as u64;
            self.buf.clear();
        }
        Ok(Place(at << LEN_BITS | bytes.len() as u64))
    }

    /// The record at `place`, into `out` (cleared first).
    pub fn read(&self, place: Place, out: &mut Vec<u8>) -> Result<()> {
        out.clear();
        let (at, len) = (place.at(), place.len());
        if at >= self.flushed {
            let from = (at - self.flushed) as usize;
            let bytes = self.buf.get(from..from + len).ok_or_else(damaged)?;
            out.extend_from_slice(bytes);
            return Ok(());
        }
        let Some((path, file)) = &self.file else {
            return Err(damaged());
        };
        out.resize(len, 0);
        read_at(file, out, at).map_err(|e| Error::io(path, e))
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        if let Some((path, _)) = &self.file {
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(unix)]
fn read_at(file: &File, out: &mut [u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, out, at)
}

#[cfg(windows)]
fn read_at(file: &File, mut out: &mut [u8], mut at: u64) -> std::io::Result<()> {
    while !out.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, out, at)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                out = &mut out[n..];
                at += n as u64;
            }
        }
    }
    Ok(())
}

fn damaged() -> Error {
    Error::Other("a scratch record of this run could not be read back".into())
}

/// One record's bytes, built field by field.
#[derive(Debug, Default)]
pub struct Record(Vec<u8>);

const NONE: u32 = u32::MAX;

impl Record {
    /// Start a record afresh (keeps the buffer).
    pub fn clear(&mut self) -> &mut Self {
        self.0.clear();
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Self {
        self.opt_str(Some(s))
    }

    pub fn opt_str(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            // A string of 4 GB has no place in a record (one is at most 16 MB).
            Some(s) => {
                let len = u32::try_from(s.len()).unwrap_or(NONE - 1);
                self.0.extend_from_slice(&len.to_le_bytes());
                self.0.extend_from_slice(&s.as_bytes()[..len as usize]);
            }
            None => self.0.extend_from_slice(&NONE.to_le_bytes()),
        }
        self
    }

    pub fn u8(&mut self, v: u8) -> &mut Self {
        self.0.push(v);
        self
    }

    pub fn u64(&mut self, v: u64) -> &mut Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }

    pub fn opt_u64(&mut self, v: Option<u64>) -> &mut Self {
        self.u8(u8::from(v.is_some())).u64(v.unwrap_or(0))
    }

    pub fn opt_f64(&mut self, v: Option<f64>) -> &mut Self {
        self.opt_u64(v.map(f64::to_bits))
    }
}

/// Reads a record's fields back in the order they were written.
pub struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader(bytes)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n).ok_or_else(damaged)?;
        self.0 = rest;
        Ok(head)
    }

    fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub fn opt_str(&mut self) -> Result<Option<&'a str>> {
        match self.u32()? {
            NONE => Ok(None),
            len => {
                let bytes = self.take(len as usize)?;
                std::str::from_utf8(bytes).map(Some).map_err(|_| damaged())
            }
        }
    }

    pub fn str(&mut self) -> Result<&'a str> {
        self.opt_str()?.ok_or_else(damaged)
    }

    pub fn string(&mut self) -> Result<String> {
        self.str().map(str::to_string)
    }

    pub fn opt_string(&mut self) -> Result<Option<String>> {
        Ok(self.opt_str()?.map(str::to_string))
    }

    pub fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    pub fn u64(&mut self) -> Result<u64> {
        let b = self.take(8)?;
        Ok(u64::from_le_bytes(b.try_into().map_err(|_| damaged())?))
    }

    pub fn opt_u64(&mut self) -> Result<Option<u64>> {
        let some = self.u8()? != 0;
        let v = self.u64()?;
        Ok(some.then_some(v))
    }

    pub fn opt_f64(&mut self) -> Result<Option<f64>> {
        Ok(self.opt_u64()?.map(f64::from_bits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(spill: &mut Spill) {
        let mut r = Record::default();
        let mut places = Vec::new();
        // Enough records to flush several blocks, so reads come from the file and the buffer.
        for i in 0..5000u64 {
            let text = format!("第{i}条 evidence, \"quoted\"");
            r.clear()
                .str(&text)
                .opt_str(None)
                .opt_str(Some(""))
                .u8((i % 7) as u8)
                .opt_u64((i % 2 == 0).then_some(i * 1000))
                .opt_f64(Some(i as f64 / 3.0))
                .opt_f64(None);
            places.push((i, spill.append(&r).unwrap()));
        }
        let mut buf = Vec::new();
        for (i, place) in places.into_iter().rev() {
            spill.read(place, &mut buf).unwrap();
            let mut rd = Reader::new(&buf);
            assert_eq!(rd.str().unwrap(), format!("第{i}条 evidence, \"quoted\""));
            assert_eq!(rd.opt_str().unwrap(), None);
            assert_eq!(rd.opt_str().unwrap(), Some(""));
            assert_eq!(rd.u8().unwrap(), (i % 7) as u8);
            assert_eq!(rd.opt_u64().unwrap(), (i % 2 == 0).then_some(i * 1000));
            assert_eq!(
                rd.opt_f64().unwrap().map(f64::to_bits),
                Some((i as f64 / 3.0).to_bits())
            );
            assert_eq!(rd.opt_f64().unwrap(), None);
            assert!(rd.u8().is_err(), "nothing past the record's end");
        }
    }

    #[test]
    fn records_read_back_as_written_from_file_and_memory() {
        round_trip(&mut Spill::memory());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s");
        let mut spill = Spill::create(path.clone()).unwrap();
        round_trip(&mut spill);
        assert!(path.exists());
        drop(spill);
        assert!(!path.exists(), "a dropped spill removes its file");
    }
}
