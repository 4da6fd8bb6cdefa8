# Shared by every form.

form-error-summary-title = Ada masalah
form-error-prefix = Kesalahan:
form-error-control-characters = Hapus karakter khusus yang tidak terlihat dari isian ini.
form-rate-limited = Terlalu banyak kiriman dari sambungan Anda dalam satu jam. Isian Anda tetap tersimpan di halaman ini. Coba kirim lagi dalam { $minutes } menit.

# Photos (used by the report form).
photo-error-empty = Berkas foto kosong. Pilih foto lain.
photo-error-too-large = Foto lebih besar dari 10 MB. Pilih foto yang lebih kecil.
photo-error-type = Berkas ini bukan foto JPEG, PNG, atau WebP (tidak bergerak). Pilih foto dalam salah satu format itu.
photo-error-type-mismatch = Isi berkas tidak sesuai dengan jenisnya (misalnya bernama .jpg tetapi bukan JPEG). Simpan ulang sebagai JPEG, PNG, atau WebP, lalu unggah lagi.
photo-error-unreadable = Foto tidak dapat dibaca; berkasnya mungkin rusak atau tidak lengkap. Coba unggah lagi atau pilih foto lain.
photo-error-dimensions = Foto terlalu besar (lebih dari 50 megapiksel atau lebih dari 12.000 piksel per sisi). Perkecil foto, lalu unggah lagi.
