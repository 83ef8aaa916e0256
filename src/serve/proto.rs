//! The frames between `sqa attach` and `sqa serve` over their Unix socket: each is a 4-byte
//! big-endian length, then a kind byte and its payload. The client's first frame is `Hello`,
//! carrying the protocol version; a server that speaks another version says so and closes.
//! A frame longer than `MAX_FRAME` is refused (the connection is dropped): nothing a peer
//! sends can make the other side buffer without bound.

use std::fmt;

/// The protocol's version: bumped on any change to the frames below.
pub const VERSION: u16 = 2;

/// The longest frame either side accepts: a bracketed paste at its cap (1 MiB) with room.
pub const MAX_FRAME: usize = 2 << 20;

/// What a client sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToServer {
    /// The first frame: who is speaking which version, and the terminal's size and erase
    /// character (termios VERASE); `no_color` as the client's environment says.
    Hello {
        version: u16,
        cols: u16,
        rows: u16,
        erase: u8,
        no_color: bool,
    },
    /// Instead of `Hello`: no session, send me the store's data (`Chunk`s, then `Bye`), for a
    /// command that reads (`sqa export`, `minutes`, `changes`, `check`) while the server holds
    /// the store.
    Fetch { version: u16 },
    /// Instead of `Hello`: no session, carry out the import that follows in `Upload` frames
    /// (a GIAS extract read and checked by the client: `import::apply::GiasImport` as JSON)
    /// with my identity and role; the report comes back as `Chunk`s, then `Bye`.
    Import { version: u16 },
    /// A piece of an import's request; an empty one ends it.
    Upload(Vec<u8>),
    /// Bytes the user's terminal sent.
    Input(Vec<u8>),
    /// The terminal's new size.
    Resize { cols: u16, rows: u16 },
}

/// What the server sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToClient {
    /// Bytes for the terminal (one frame of the screen).
    Output(Vec<u8>),
    /// A piece of the store's data, answering `Fetch` (the JSON export format).
    Chunk(Vec<u8>),
    /// The session is over, and why (shown once the terminal is restored).
    Bye(String),
    /// No session for this client, and why (not in the team, another protocol version).
    Refused(String),
}

/// A frame that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameError {
    TooLong(usize),
    Malformed(&'static str),
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameError::TooLong(n) => write!(f, "a frame of {n} bytes (the limit is {MAX_FRAME})"),
            FrameError::Malformed(what) => write!(f, "a malformed frame: {what}"),
        }
    }
}

fn frame(kind: u8, payload: &[u8]) -> Vec<u8> {
    let len = u32::try_from(payload.len() + 1).unwrap_or(u32::MAX);
    let mut out = Vec::with_capacity(payload.len() + 5);
    out.extend_from_slice(&len.to_be_bytes());
    out.push(kind);
    out.extend_from_slice(payload);
    out
}

impl ToServer {
    pub fn encode(&self) -> Vec<u8> {
        match self {
            ToServer::Hello {
                version,
                cols,
                rows,
                erase,
                no_color,
            } => {
                let mut p = Vec::with_capacity(8);
                p.extend_from_slice(&version.to_be_bytes());
                p.extend_from_slice(&cols.to_be_bytes());
                p.extend_from_slice(&rows.to_be_bytes());
                p.push(*erase);
                p.push(u8::from(*no_color));
                frame(b'H', &p)
            }
            ToServer::Fetch { version } => frame(b'F', &version.to_be_bytes()),
            ToServer::Import { version } => frame(b'M', &version.to_be_bytes()),
            ToServer::Upload(bytes) => frame(b'U', bytes),
            ToServer::Input(bytes) => frame(b'I', bytes),
            ToServer::Resize { cols, rows } => {
                let mut p = cols.to_be_bytes().to_vec();
                p.extend_from_slice(&rows.to_be_bytes());
                frame(b'R', &p)
            }
        }
    }

    fn decode(kind: u8, p: &[u8]) -> Result<ToServer, FrameError> {
        let u16_at = |i: usize| -> Result<u16, FrameError> {
            p.get(i..i + 2)
                .map(|b| u16::from_be_bytes([b[0], b[1]]))
                .ok_or(FrameError::Malformed("too short"))
        };
        match kind {
            b'H' => Ok(ToServer::Hello {
                version: u16_at(0)?,
                cols: u16_at(2)?,
                rows: u16_at(4)?,
                erase: *p.get(6).ok_or(FrameError::Malformed("too short"))?,
                no_color: *p.get(7).ok_or(FrameError::Malformed("too short"))? != 0,
            }),
            b'F' => Ok(ToServer::Fetch {
                version: u16_at(0)?,
            }),
            b'M' => Ok(ToServer::Import {
                version: u16_at(0)?,
            }),
            b'U' => Ok(ToServer::Upload(p.to_vec())),
            b'I' => Ok(ToServer::Input(p.to_vec())),
            b'R' => Ok(ToServer::Resize {
                cols: u16_at(0)?,
                rows: u16_at(2)?,
            }),
            _ => Err(FrameError::Malformed("unknown kind")),
        }
    }
}

impl ToClient {
    pub fn encode(&self) -> Vec<u8> {
        match self {
            ToClient::Output(bytes) => frame(b'O', bytes),
            ToClient::Chunk(bytes) => frame(b'C', bytes),
            ToClient::Bye(why) => frame(b'B', why.as_bytes()),
            ToClient::Refused(why) => frame(b'X', why.as_bytes()),
        }
    }

    fn decode(kind: u8, p: &[u8]) -> Result<ToClient, FrameError> {
        match kind {
            b'O' => Ok(ToClient::Output(p.to_vec())),
            b'C' => Ok(ToClient::Chunk(p.to_vec())),
            b'B' => Ok(ToClient::Bye(String::from_utf8_lossy(p).into_owned())),
            b'X' => Ok(ToClient::Refused(String::from_utf8_lossy(p).into_owned())),
            _ => Err(FrameError::Malformed("unknown kind")),
        }
    }
}

/// Gathers bytes as they arrive and hands out whole frames, however the stream was split.
#[derive(Debug, Default)]
pub struct Frames {
    buf: Vec<u8>,
}

impl Frames {
    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next whole frame, if one has arrived, as (kind, payload).
    fn next_raw(&mut self) -> Result<Option<(u8, Vec<u8>)>, FrameError> {
        let Some(head) = self.buf.get(..4) else {
            return Ok(None);
        };
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        if len > MAX_FRAME {
            return Err(FrameError::TooLong(len));
        }
        if len == 0 {
            return Err(FrameError::Malformed("empty"));
        }
        if self.buf.len() < 4 + len {
            return Ok(None);
        }
        let body: Vec<u8> = self.buf.drain(..4 + len).skip(4).collect();
        Ok(Some((body[0], body[1..].to_vec())))
    }

    pub fn next_to_server(&mut self) -> Result<Option<ToServer>, FrameError> {
        match self.next_raw()? {
            Some((kind, p)) => ToServer::decode(kind, &p).map(Some),
            None => Ok(None),
        }
    }

    pub fn next_to_client(&mut self) -> Result<Option<ToClient>, FrameError> {
        match self.next_raw()? {
            Some((kind, p)) => ToClient::decode(kind, &p).map(Some),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn to_server() -> impl Strategy<Value = ToServer> {
        prop_oneof![
            (
                any::<u16>(),
                any::<u16>(),
                any::<u16>(),
                any::<u8>(),
                any::<bool>()
            )
                .prop_map(|(version, cols, rows, erase, no_color)| ToServer::Hello {
                    version,
                    cols,
                    rows,
                    erase,
                    no_color
                }),
            proptest::collection::vec(any::<u8>(), 0..300).prop_map(ToServer::Input),
            (any::<u16>(), any::<u16>()).prop_map(|(cols, rows)| ToServer::Resize { cols, rows }),
            any::<u16>().prop_map(|version| ToServer::Fetch { version }),
            any::<u16>().prop_map(|version| ToServer::Import { version }),
            proptest::collection::vec(any::<u8>(), 0..300).prop_map(ToServer::Upload),
        ]
    }

    proptest! {
        /// Frames split anywhere come out whole and in order.
        #[test]
        fn frames_survive_any_split(msgs in proptest::collection::vec(to_server(), 1..8), cut in 1usize..64) {
            let bytes: Vec<u8> = msgs.iter().flat_map(|m| m.encode()).collect();
            let mut f = Frames::default();
            let mut got = Vec::new();
            for chunk in bytes.chunks(cut) {
                f.push(chunk);
                while let Some(m) = f.next_to_server().expect("well formed") {
                    got.push(m);
                }
            }
            prop_assert_eq!(got, msgs);
        }

        /// Random bytes never panic the reader.
        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let mut f = Frames::default();
            f.push(&bytes);
            while let Ok(Some(_)) = f.next_to_client() {}
        }
    }

    #[test]
    fn a_frame_over_the_limit_is_refused_before_it_is_read() {
        let mut f = Frames::default();
        f.push(&((MAX_FRAME as u32) + 1).to_be_bytes());
        assert_eq!(f.next_to_server(), Err(FrameError::TooLong(MAX_FRAME + 1)));
    }

    #[test]
    fn output_and_bye_round_trip() {
        let mut f = Frames::default();
        f.push(&ToClient::Output(b"\x1b[H".to_vec()).encode());
        f.push(&ToClient::Bye("stopping".into()).encode());
        assert_eq!(
            f.next_to_client(),
            Ok(Some(ToClient::Output(b"\x1b[H".to_vec())))
        );
        assert_eq!(
            f.next_to_client(),
            Ok(Some(ToClient::Bye("stopping".into())))
        );
        assert_eq!(f.next_to_client(), Ok(None));
    }
}
