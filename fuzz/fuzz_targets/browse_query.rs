#![no_main]
// See balai::fuzzing::browse_query for the input's shape and the invariants checked.
libfuzzer_sys::fuzz_target!(|data: &[u8]| balai::fuzzing::browse_query(data));
