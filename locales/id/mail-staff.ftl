## Pesan kepada petugas (issue #18): ringkasan harian.

mail-digest-subject = Kasus untuk { $date }: { $overdue } lewat tenggat, { $soon } jatuh tempo dalam dua hari kerja
mail-digest-body = Kasus-kasus yang menjadi tanggung jawab Anda ini sudah lewat tenggat atau jatuh tempo dalam dua hari kerja. Setiap baris memuat kode pelacakan dan tenggatnya.
mail-digest-overdue-since = Lewat tenggat: tenggatnya { $date }
mail-digest-due-by = Tenggat { $date }
mail-digest-link = Buka antrean di Balai
mail-digest-setting = Anda dapat mematikan atau menyalakan kembali email harian ini di menu "Email harian" pada halaman petugas.

## Halaman "Email harian" di halaman petugas.

staff-nav-email = Email harian
staff-digest-title = Email harian
staff-digest-intro = Setiap pagi Balai dapat mengirimi Anda email berisi kasus yang menjadi tanggung jawab Anda dan sudah lewat tenggat atau jatuh tempo dalam dua hari kerja. Pada hari tanpa kasus yang jatuh tempo, tidak ada email yang dikirim.
staff-digest-not-for-admins = Email harian dikirim kepada verifikator dan petugas instansi: akun admin tidak menerimanya.
staff-digest-is-on = Anda menerima email harian.
staff-digest-is-off = Anda tidak menerima email harian.
staff-digest-turn-off = Matikan email harian
staff-digest-turn-on = Nyalakan email harian
staff-digest-saved = Pilihan Anda sudah disimpan.
