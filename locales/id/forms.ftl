# Shared by every form.

form-error-summary-title = Ada masalah
form-error-prefix = Kesalahan:
form-error-too-long = Terlalu panjang: paling banyak { $max } karakter. Kurangi { $over } karakter.
form-error-control-characters = Hapus karakter khusus yang tidak terlihat dari isian ini.
form-rate-limited = Terlalu banyak kiriman dari sambungan Anda dalam satu jam. Isian Anda tetap tersimpan di halaman ini. Coba kirim lagi dalam { $minutes } menit.
