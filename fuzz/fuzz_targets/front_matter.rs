#![no_main]
// See balai::fuzzing::front_matter for the input's shape and the invariants checked.
libfuzzer_sys::fuzz_target!(|data: &[u8]| balai::fuzzing::front_matter(data));
