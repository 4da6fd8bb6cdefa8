//! Provinces and regencies or cities of Indonesia, from `content/areas/*.csv`
//! (idn-area-data 4.0.1, ODbL: the licence and credit ship beside the files).

use super::Problem;
use std::collections::BTreeMap;
use std::path::Path;

/// A province or a regency/city.
#[derive(Debug, Clone)]
pub struct Area {
    /// Official code (`51`, `51.71`).
    pub code: String,
    /// Official name (`Bali`, `Kota Denpasar`).
    pub name: String,
}

/// All areas, by code.
#[derive(Debug, Default)]
pub struct Areas {
    provinces: BTreeMap<String, Area>,
    /// Regencies keyed by their code; the province code is the part before the dot.
    regencies: BTreeMap<String, Area>,
}

impl Areas {
    /// Read `provinces.csv` and `regencies.csv` (header line, then `code,...,name`).
    pub fn load(dir: &Path, problems: &mut Vec<Problem>) -> Self {
        let mut areas = Self::default();
        for (file, is_province) in [("provinces.csv", true), ("regencies.csv", false)] {
            let path = dir.join(file);
            let Ok(text) = std::fs::read_to_string(&path) else {
                if dir.exists() {
                    problems.push(Problem::new(&path, 0, "missing or unreadable"));
                }
                continue;
            };
            for (n, line) in text.lines().enumerate().skip(1) {
                let cols: Vec<&str> = line.split(',').collect();
                let (Some(code), Some(name)) = (cols.first(), cols.last()) else {
                    continue;
                };
                if cols.len() < 2 || code.is_empty() || name.is_empty() {
                    problems.push(Problem::new(&path, n + 1, "expected code,...,name"));
                    continue;
                }
                let area = Area {
                    code: (*code).to_owned(),
                    name: (*name).to_owned(),
                };
                let map = if is_province {
                    &mut areas.provinces
                } else {
                    &mut areas.regencies
                };
                map.insert(area.code.clone(), area);
            }
        }
        areas
    }

    /// The province with this code.
    pub fn province(&self, code: &str) -> Option<&Area> {
        self.provinces.get(code)
    }

    /// The regency or city with this code.
    pub fn regency(&self, code: &str) -> Option<&Area> {
        self.regencies.get(code)
    }

    /// Every province, by code.
    pub fn provinces(&self) -> impl Iterator<Item = &Area> {
        self.provinces.values()
    }

    /// The regencies and cities of `province`, by code.
    pub fn regencies_in<'a>(&'a self, province: &'a str) -> impl Iterator<Item = &'a Area> {
        let prefix = format!("{province}.");
        self.regencies
            .range(prefix.clone()..)
            .take_while(move |(code, _)| code.starts_with(&prefix))
            .map(|(_, area)| area)
    }

    /// True when `regency` lies in `province`.
    pub fn regency_in(&self, regency: &str, province: &str) -> bool {
        self.regencies.contains_key(regency) && regency.split('.').next() == Some(province)
    }
}
