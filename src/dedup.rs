//! Duplicates: the same record twice is one document, and a near-copy of an
//! earlier document (a syndicated article, a page fetched under two URLs)
//! points at it with `dup_of`.
//!
//! Exact duplicates share a `doc_id` (URL and payload hashed together).
//! Near-duplicates are found with MinHash over five-word shingles and
//! locality-sensitive hashing: [`BANDS`] bands of [`ROWS`] values each make
//! pages that share about 60% of their shingles candidates, and a candidate
//! counts only when at least [`NEAR_DUP_MATCH`] of the signature values agree
//! (an estimated Jaccard similarity of 0.8). The signature is computed by the
//! workers; the index lives in the writer, which sees documents in input
//! order, so the earliest copy is always the one pointed at.

use hashbrown::HashTable;
use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};

/// Values per signature.
pub const SIGNATURE_LEN: usize = BANDS * ROWS;
const BANDS: usize = 8;
const ROWS: usize = 4;
/// Signature values that must agree for a near-duplicate (26 of 32 ≈ 0.8).
const NEAR_DUP_MATCH: usize = 26;
/// Words per shingle.
const SHINGLE_WORDS: usize = 5;
/// Texts with fewer shingles than this get no signature: short texts share
/// boilerplate sentences too easily to be called copies.
const MIN_SHINGLES: usize = 20;

/// A document's MinHash signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature(pub [u32; SIGNATURE_LEN]);

/// 64-bit finaliser (splitmix64): turns a hash with weak bits into one whose
/// every bit depends on every input bit.
const fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// One hash function per signature slot, `(a * x + b) >> 32` with odd `a`
/// (multiply-add-shift): a shingle is hashed once and each slot costs one
/// multiply-add, which the compiler runs two slots at a time, instead of a
/// splitmix64 round of its own.
/// The constants are a splitmix64 stream, fixed so saved signatures stay
/// comparable.
struct SlotHashes {
    multipliers: [u64; SIGNATURE_LEN],
    increments: [u64; SIGNATURE_LEN],
}

const SLOT_HASHES: SlotHashes = {
    let mut hashes = SlotHashes { multipliers: [0; SIGNATURE_LEN], increments: [0; SIGNATURE_LEN] };
    let mut i = 0;
    while i < SIGNATURE_LEN {
        let seed = (i as u64).wrapping_mul(2).wrapping_add(1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        hashes.multipliers[i] = mix(seed) | 1;
        hashes.increments[i] = mix(seed ^ 0x5851_f42d_4c95_7f2d);
        i += 1;
    }
    hashes
};

/// Weights of a shingle's words, first word first: the shingle's hash is
/// the weighted sum of its words' hashes, so it depends on word order.
const SHINGLE_WEIGHTS: [u64; SHINGLE_WORDS] = {
    let mut weights = [0; SHINGLE_WORDS];
    let mut k = 0;
    while k < SHINGLE_WORDS {
        weights[k] = mix(0x2545_f491_4f6c_dd1d ^ k as u64) | 1;
        k += 1;
    }
    weights
};

/// The running MinHash of a text's five-word shingles.
struct Shingler {
    /// The last words' hashes, oldest first.
    window: [u64; SHINGLE_WORDS],
    words: usize,
    mins: [u32; SIGNATURE_LEN],
}

impl Shingler {
    #[inline(always)]
    fn push(&mut self, word: u64) {
        self.window.copy_within(1.., 0);
        self.window[SHINGLE_WORDS - 1] = word;
        self.words += 1;
        if self.words < SHINGLE_WORDS {
            return;
        }
        let sum = self.window.iter().zip(SHINGLE_WEIGHTS).fold(0u64, |h, (&w, k)| h.wrapping_add(w.wrapping_mul(k)));
        // A 32-bit key makes each slot's hash strongly universal (Dietzfelbinger's
        // multiply-add-shift); two shingles share a key once in 2^32 pairs.
        let key = mix(sum) >> 32;
        // Indexed over fixed-size arrays (not zipped by value, which copied
        // both constant arrays per word), so the loop unrolls without checks.
        let slots = &SLOT_HASHES;
        for i in 0..SIGNATURE_LEN {
            let value = (slots.multipliers[i].wrapping_mul(key).wrapping_add(slots.increments[i]) >> 32) as u32;
            self.mins[i] = self.mins[i].min(value);
        }
    }
}

/// FNV-1a start value of a word's hash.
const WORD_HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

/// A word's hash folded over one more (case-folded) character.
fn word_hash_step(h: u64, c: char) -> u64 {
    (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3)
}

impl Signature {
    /// The signature of a text, or `None` when it is too short to compare.
    /// Words are the runs of alphanumeric characters, hashed lower-cased.
    pub fn of(text: &str) -> Option<Signature> {
        // The 32 slot hashes per word are most of the cost; AVX2 does them
        // in a quarter of the instructions, with the same values.
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU was just found to support AVX2.
            return unsafe { Self::of_avx2(text) };
        }
        Self::of_any_cpu(text)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn of_avx2(text: &str) -> Option<Signature> {
        Self::of_any_cpu(text)
    }

    #[inline(always)]
    fn of_any_cpu(text: &str) -> Option<Signature> {
        let mut shingler = Shingler { window: [0; SHINGLE_WORDS], words: 0, mins: [u32::MAX; SIGNATURE_LEN] };
        // One pass over the characters, hashing words as they go (this runs
        // on every document; splitting and re-reading the words cost twice).
        let mut word: Option<u64> = None;
        for c in text.chars() {
            if c.is_ascii_alphanumeric() {
                word = Some(word_hash_step(word.unwrap_or(WORD_HASH_START), c.to_ascii_lowercase()));
            } else if !c.is_ascii() && c.is_alphanumeric() {
                word = Some(c.to_lowercase().fold(word.unwrap_or(WORD_HASH_START), word_hash_step));
            } else if let Some(h) = word.take() {
                shingler.push(h);
            }
        }
        if let Some(h) = word {
            shingler.push(h);
        }
        let shingles = shingler.words.saturating_sub(SHINGLE_WORDS - 1);
        (shingles >= MIN_SHINGLES).then_some(Signature(shingler.mins))
    }

    fn band(&self, band: usize) -> &[u32] {
        &self.0[band * ROWS..(band + 1) * ROWS]
    }

    fn band_key(&self, band: usize) -> u64 {
        self.band(band).iter().fold(mix(band as u64 + 1), |h, &v| mix(h ^ u64::from(v)))
    }

    fn agreement(&self, other: &Signature) -> usize {
        self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count()
    }
}

/// Parses a `doc_id` (32 hex digits) into its 128-bit value.
pub fn doc_id_value(doc_id: &str) -> Option<u128> {
    u128::from_str_radix(doc_id, 16).ok()
}

fn doc_id_hex(value: u128) -> String {
    format!("{value:032x}")
}

/// What the writer decides for one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// A document already in the dataset: not written again.
    Duplicate,
    /// A new document; `dup_of` names the earlier near-copy, if any.
    New { dup_of: Option<String> },
}

/// The documents of a dataset as far as deduplication needs them, in the
/// order they were added. It lives for the whole run (and in `_dedup.bin`
/// between runs), so it is laid out for size: about 250 bytes a document
/// (1M documents took 237 MB, half of it signatures; with a `u128` set and a
/// `u64`-keyed map per band it was 500 MB).
#[derive(Debug, Default)]
pub struct DedupIndex {
    /// The entries by id. Ids are content hashes already, so their low bits
    /// serve as the hash.
    seen: HashTable<u32>,
    /// Each document's id, by entry.
    ids: Vec<u128>,
    /// Each document's signature, by entry.
    signatures: Vec<Option<Signature>>,
    /// The earliest copy of the entries that are near-duplicates (few).
    roots: HashMap<u32, u128>,
    /// Per band, the entries that first had each band value. An entry's
    /// band is read back from its signature, so a table slot is 4 bytes.
    bands: [HashTable<u32>; BANDS],
}

/// File header of a saved index: format name and version. Version 2 has the
/// signatures of [`SlotHashes`]; version 1 files (one splitmix64 round per
/// slot) have the same layout, but their signatures mean something else.
const MAGIC: &[u8; 8] = b"NMDEDUP2";
const MAGIC_V1: &[u8; 8] = b"NMDEDUP1";

/// An index read back by [`DedupIndex::load`].
#[derive(Debug)]
pub struct LoadedIndex {
    pub index: DedupIndex,
    /// Signatures of a version 1 file, dropped because they cannot be
    /// compared with today's: those documents still count as exact
    /// duplicates, but no near-copy of them will be found.
    pub dropped_signatures: usize,
}

impl DedupIndex {
    /// Decides on a document and remembers it.
    pub fn admit(&mut self, doc_id: &str, signature: Option<&Signature>) -> Verdict {
        let Some(id) = doc_id_value(doc_id) else {
            return Verdict::New { dup_of: None }; // not a newsmill id: nothing to compare
        };
        if self.contains(id) {
            return Verdict::Duplicate;
        }
        let root = signature.and_then(|s| self.earliest_copy(s));
        self.push(id, root, signature.copied());
        Verdict::New { dup_of: root.map(doc_id_hex) }
    }

    fn earliest_copy(&self, signature: &Signature) -> Option<u128> {
        let mut best: Option<u32> = None;
        for (band, table) in self.bands.iter().enumerate() {
            let same_band =
                |e: &u32| self.signatures[*e as usize].is_some_and(|s| s.band(band) == signature.band(band));
            let Some(&candidate) = table.find(signature.band_key(band), same_band) else { continue };
            if best.is_some_and(|b| b <= candidate) {
                continue;
            }
            if self.signatures[candidate as usize].is_some_and(|s| s.agreement(signature) >= NEAR_DUP_MATCH) {
                best = Some(candidate);
            }
        }
        best.map(|b| self.roots.get(&b).copied().unwrap_or(self.ids[b as usize]))
    }

    fn push(&mut self, doc_id: u128, root: Option<u128>, signature: Option<Signature>) {
        let entry = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        self.ids.push(doc_id);
        self.signatures.push(signature);
        if let Some(root) = root {
            self.roots.insert(entry, root);
        }
        if let Some(signature) = &signature {
            // Entries in a table all have a signature: rehashing reads it back.
            let signatures = &self.signatures;
            let signature_of = |e: &u32| signatures[*e as usize].as_ref();
            for (band, table) in self.bands.iter_mut().enumerate() {
                let hash = signature.band_key(band);
                if table.find(hash, |e| signature_of(e).is_some_and(|s| s.band(band) == signature.band(band))).is_none()
                {
                    table.insert_unique(hash, entry, |e| signature_of(e).map_or(0, |s| s.band_key(band)));
                }
            }
        }
        if !self.contains(doc_id) {
            let ids = &self.ids;
            self.seen.insert_unique(doc_id as u64, entry, |e| ids[*e as usize] as u64);
        }
    }

    fn contains(&self, doc_id: u128) -> bool {
        self.seen.find(doc_id as u64, |e| self.ids[*e as usize] == doc_id).is_some()
    }

    /// Each document's id and signature, in the order they were added.
    pub fn signatures(&self) -> impl Iterator<Item = (u128, Option<&Signature>)> {
        self.ids.iter().zip(&self.signatures).map(|(&id, s)| (id, s.as_ref()))
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The index without the given documents (rows removed from the dataset).
    pub fn without(self, removed: &HashSet<u128>) -> DedupIndex {
        let mut kept = DedupIndex::default();
        for (entry, (id, signature)) in self.ids.iter().zip(self.signatures).enumerate() {
            if !removed.contains(id) {
                kept.push(*id, self.roots.get(&(entry as u32)).copied(), signature);
            }
        }
        kept
    }

    /// Saves the index (binary: header, then per document its id, its root
    /// and its signature, each behind a presence byte).
    pub fn save(&self, out: &mut impl Write) -> std::io::Result<()> {
        out.write_all(MAGIC)?;
        out.write_all(&(self.ids.len() as u64).to_le_bytes())?;
        for (entry, (id, signature)) in self.ids.iter().zip(&self.signatures).enumerate() {
            let root = self.roots.get(&(entry as u32));
            out.write_all(&id.to_le_bytes())?;
            out.write_all(&[u8::from(root.is_some())])?;
            out.write_all(&root.copied().unwrap_or(0).to_le_bytes())?;
            out.write_all(&[u8::from(signature.is_some())])?;
            for v in signature.map_or([0; SIGNATURE_LEN], |s| s.0) {
                out.write_all(&v.to_le_bytes())?;
            }
        }
        Ok(())
    }

    /// Loads an index written by [`DedupIndex::save`], or by a version 1
    /// newsmill (whose signatures are dropped).
    pub fn load(input: &mut impl Read) -> std::io::Result<LoadedIndex> {
        let invalid = |what: &str| {
            std::io::Error::new(std::io::ErrorKind::InvalidData, format!("not a newsmill dedup index: {what}"))
        };
        let mut magic = [0u8; 8];
        input.read_exact(&mut magic)?;
        let keep_signatures = match &magic {
            MAGIC => true,
            MAGIC_V1 => false,
            _ => return Err(invalid("wrong header")),
        };
        let mut n = [0u8; 8];
        input.read_exact(&mut n)?;
        let n = u64::from_le_bytes(n);
        let mut loaded = LoadedIndex { index: DedupIndex::default(), dropped_signatures: 0 };
        let mut record = vec![0u8; 16 + 1 + 16 + 1 + 4 * SIGNATURE_LEN];
        for _ in 0..n {
            input.read_exact(&mut record)?;
            let u128_at = |at: usize| u128::from_le_bytes(record[at..at + 16].try_into().unwrap_or_default());
            let doc_id = u128_at(0);
            let root = (record[16] == 1).then(|| u128_at(17));
            let has_signature = record[33] == 1;
            if has_signature && !keep_signatures {
                loaded.dropped_signatures += 1;
            }
            let signature = (has_signature && keep_signatures).then(|| {
                let mut values = [0u32; SIGNATURE_LEN];
                for (i, v) in values.iter_mut().enumerate() {
                    let at = 34 + 4 * i;
                    *v = u32::from_le_bytes(record[at..at + 4].try_into().unwrap_or_default());
                }
                Signature(values)
            });
            loaded.index.push(doc_id, root, signature);
        }
        Ok(loaded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The city council voted on Tuesday to expand the bus network into the northern districts, \
        adding four routes and raising the number of night services. The mayor said the plan would cost twelve \
        million dollars over three years and would be paid for from the transport budget. Opposition members \
        argued that the money should go to repairing roads first, and several residents spoke against the new \
        depot planned near the river. A final vote on the depot is expected next month after a public hearing.";

    fn id(n: u8) -> String {
        format!("{:032x}", u128::from(n) << 64 | 0xabc)
    }

    #[test]
    fn the_same_record_twice_is_a_duplicate() {
        let mut index = DedupIndex::default();
        let sig = Signature::of(STORY);
        assert_eq!(index.admit(&id(1), sig.as_ref()), Verdict::New { dup_of: None });
        assert_eq!(index.admit(&id(1), sig.as_ref()), Verdict::Duplicate);
    }

    #[test]
    fn a_syndicated_copy_with_a_new_footer_points_at_the_first() {
        let mut index = DedupIndex::default();
        let copy = format!(
            "{STORY} This story was first published by the Northern Courier and is republished with permission."
        );
        assert!(Signature::of(STORY).is_some());
        assert_eq!(index.admit(&id(1), Signature::of(STORY).as_ref()), Verdict::New { dup_of: None });
        assert_eq!(index.admit(&id(2), Signature::of(&copy).as_ref()), Verdict::New { dup_of: Some(id(1)) });
        // A copy of the copy points at the first one too.
        assert_eq!(
            index.admit(&id(3), Signature::of(&copy.to_uppercase()).as_ref()),
            Verdict::New { dup_of: Some(id(1)) }
        );
    }

    #[test]
    fn a_different_story_on_the_same_topic_is_not_a_copy() {
        let other = "The city council postponed on Tuesday its vote on the northern bus routes after the transport \
            office found errors in the ridership figures. Council members asked for a new study of night services \
            and of the depot planned near the river, which residents have opposed at two public meetings this \
            year. The mayor said she still expected the network to grow before the end of her term in office.";
        let mut index = DedupIndex::default();
        index.admit(&id(1), Signature::of(STORY).as_ref());
        assert_eq!(index.admit(&id(2), Signature::of(other).as_ref()), Verdict::New { dup_of: None });
    }

    #[test]
    fn every_cpu_gets_the_same_signature() {
        // Signatures are stored in `_dedup.bin`: the AVX2 path must agree
        // with the portable one, word for word, in any script.
        for text in [STORY, &STORY.to_uppercase(), &STORY.replace("the", "Üße día ğ")] {
            assert_eq!(Signature::of(text), Signature::of_any_cpu(text));
        }
        let sig = Signature::of(STORY).unwrap();
        assert_eq!(sig.0[..4], [19_727_233, 6_026_307, 92_218_976, 19_255_140]);
    }

    #[test]
    fn short_texts_get_no_signature() {
        assert!(Signature::of("Breaking news: markets fall sharply on Monday morning.").is_none());
    }

    #[test]
    fn the_index_survives_a_save_and_load_and_forgets_removed_documents() {
        let mut index = DedupIndex::default();
        index.admit(&id(1), Signature::of(STORY).as_ref());
        index.admit(&id(2), None);
        let mut bytes = Vec::new();
        index.save(&mut bytes).unwrap();
        let mut loaded = DedupIndex::load(&mut bytes.as_slice()).unwrap().index;
        assert_eq!(loaded.len(), 2);
        assert_eq!(loaded.admit(&id(2), None), Verdict::Duplicate);
        let copy = format!("{STORY} Republished with permission.");
        assert_eq!(loaded.admit(&id(4), Signature::of(&copy).as_ref()), Verdict::New { dup_of: Some(id(1)) });
        let removed: HashSet<u128> = [doc_id_value(&id(1)).unwrap()].into();
        let mut pruned = loaded.without(&removed);
        assert_eq!(pruned.admit(&id(1), None), Verdict::New { dup_of: None });
        assert!(DedupIndex::load(&mut &b"garbage!"[..]).is_err());
    }

    /// A version 1 index (signatures of another hash family) keeps its
    /// documents' ids but none of its signatures.
    #[test]
    fn a_version_1_index_keeps_its_ids_and_drops_its_signatures() {
        let story = Signature::of(STORY).unwrap();
        let mut v1 = b"NMDEDUP1".to_vec();
        v1.extend(2u64.to_le_bytes());
        for (n, root) in [(1, None), (2, Some(1))] {
            v1.extend(doc_id_value(&id(n)).unwrap().to_le_bytes());
            v1.push(u8::from(root.is_some()));
            v1.extend(root.map_or(0, |r| doc_id_value(&id(r)).unwrap()).to_le_bytes());
            // Today's values, so that a comparison, if one were made, would match.
            v1.push(1);
            v1.extend(story.0.iter().flat_map(|v| v.to_le_bytes()));
        }
        let loaded = DedupIndex::load(&mut v1.as_slice()).unwrap();
        assert_eq!(loaded.dropped_signatures, 2);
        let mut index = loaded.index;
        assert_eq!(index.admit(&id(2), Some(&story)), Verdict::Duplicate);
        assert_eq!(index.admit(&id(3), Some(&story)), Verdict::New { dup_of: None });
        // Saved again, it is a version 2 index with the new document's signature.
        let mut bytes = Vec::new();
        index.save(&mut bytes).unwrap();
        assert_eq!(&bytes[..8], b"NMDEDUP2");
        let reloaded = DedupIndex::load(&mut bytes.as_slice()).unwrap();
        assert_eq!(reloaded.dropped_signatures, 0);
        assert_eq!(reloaded.index.signatures().filter(|(_, s)| s.is_some()).count(), 1);
    }

    /// Signatures are saved in the dedup index of a dataset: the values must
    /// not change within a format version (these are version 2's).
    #[test]
    fn signature_values_are_stable() {
        let text = format!("{STORY} Ça coûte 12€ — ÉTÉ İstanbul straße ǅemal naïve-café 3½ x");
        let expected = [
            19727233, 6026307, 92218976, 19255140, 5500895, 17101040, 71695200, 17622260, 4193056, 24193259, 61094869,
            27409870, 174216896, 1395490, 6869475, 102283108, 36091504, 5059584, 118955079, 24649693, 52643222,
            4948753, 21102834, 23314312, 28083622, 42666652, 300067, 178672561, 9266206, 35373267, 18181447, 4873409,
        ];
        assert_eq!(Signature::of(&text).map(|s| s.0), Some(expected));
    }
}
