#![no_main]
// See balai::fuzzing::photo_upload for the input's shape and the invariants checked.
libfuzzer_sys::fuzz_target!(|data: &[u8]| balai::fuzzing::photo_upload(data));
