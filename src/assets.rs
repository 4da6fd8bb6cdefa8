//! Static assets (CSS, icons), read into memory at start-up and served under
//! `/assets/{hash}/{file}`. The hash is of the file's bytes, so a URL never changes
//! meaning and can be cached for a year.

use anyhow::Context;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;

/// One asset file.
#[derive(Debug)]
pub struct Asset {
    /// First 16 hex digits of the SHA-256 of the bytes.
    pub hash: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// `Content-Type` to serve it with.
    pub content_type: &'static str,
}

/// Every asset, keyed by its path below the assets dir (`css/site.css`).
#[derive(Debug, Default)]
pub struct Assets {
    files: HashMap<String, Asset>,
}

impl Assets {
    /// Read every file below `dir`.
    pub fn load(dir: &Path) -> anyhow::Result<Self> {
        let mut assets = Self::default();
        assets.read_dir(dir, dir)?;
        anyhow::ensure!(
            assets.files.contains_key("css/site.css"),
            "{} has no css/site.css",
            dir.display()
        );
        Ok(assets)
    }

    fn read_dir(&mut self, root: &Path, dir: &Path) -> anyhow::Result<()> {
        for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                self.read_dir(root, &path)?;
                continue;
            }
            let Some(content_type) = content_type(&path) else {
                continue;
            };
            let bytes =
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            let hash = hex::encode(&Sha256::digest(&bytes)[..8]);
            let name = path
                .strip_prefix(root)?
                .to_string_lossy()
                .replace('\\', "/");
            self.files.insert(
                name,
                Asset {
                    hash,
                    bytes,
                    content_type,
                },
            );
        }
        Ok(())
    }

    /// The URL of an asset, for templates; a missing asset is a programming error,
    /// logged and given a URL that answers 404 rather than a crash.
    pub fn url(&self, name: &str) -> String {
        match self.files.get(name) {
            Some(a) => format!("/assets/{}/{name}", a.hash),
            None => {
                tracing::error!(asset = name, "unknown asset");
                format!("/assets/missing/{name}")
            }
        }
    }

    /// The asset at `name`, only when `hash` is its current hash.
    pub fn get(&self, hash: &str, name: &str) -> Option<&Asset> {
        self.files.get(name).filter(|a| a.hash == hash)
    }
}

fn content_type(path: &Path) -> Option<&'static str> {
    Some(match path.extension()?.to_str()? {
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => return None,
    })
}
