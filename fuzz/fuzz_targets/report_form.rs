#![no_main]
// See balai::fuzzing::report_form for the input's shape and the invariants checked.
libfuzzer_sys::fuzz_target!(|data: &[u8]| balai::fuzzing::report_form(data));
