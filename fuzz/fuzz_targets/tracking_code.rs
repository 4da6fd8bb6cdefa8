#![no_main]
// See balai::fuzzing::tracking_code for the input's shape and the invariants checked.
libfuzzer_sys::fuzz_target!(|data: &[u8]| balai::fuzzing::tracking_code(data));
