# Page shell, navigation and dates shared by every page.

-brand = Balai
site-name = { -brand }
language-name = Bahasa Indonesia

page-title = { $page } - { -brand }
page-title-error = Kesalahan: { $page } - { -brand }

skip-to-content = Langsung ke konten utama
nav-main-label = Menu utama
nav-language-label = Bahasa
nav-home = Beranda
nav-about = Tentang
nav-help = Bantuan

footer-heading = Informasi situs
footer-help = Bantuan
footer-privacy = Pemberitahuan privasi
footer-accessibility = Pernyataan aksesibilitas
footer-licence = Balai adalah perangkat lunak bebas di bawah lisensi AGPL-3.0-or-later.

page-updated = Terakhir diperbarui { $date }
page-not-translated = Halaman ini belum tersedia dalam bahasa Anda, jadi kami menampilkan versi bahasa Indonesia.

date-long = { $day } { $month } { $year }
month-1 = Januari
month-2 = Februari
month-3 = Maret
month-4 = April
month-5 = Mei
month-6 = Juni
month-7 = Juli
month-8 = Agustus
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Desember
nav-report = Kirim laporan
nav-track = Lacak laporan
nav-workshops = Lokakarya

date-with-weekday = { $weekday }, { $date }
weekday-1 = Senin
weekday-2 = Selasa
weekday-3 = Rabu
weekday-4 = Kamis
weekday-5 = Jumat
weekday-6 = Sabtu
weekday-7 = Minggu
time-separator = .
zone-wib = WIB
zone-wita = WITA
zone-wit = WIT
moment-in-zone = { $day }, pukul { $time } { $zone }
answer-yes = Ya
answer-no = Tidak
# Shown on pages with a form while the primary database is down and a replica serves reads.
sending-paused = Pengiriman sedang dijeda karena gangguan di sistem kami. Semua halaman tetap bisa dibaca, tetapi formulir belum bisa dikirim untuk sementara. Jika Anda mengirim, semua isian Anda tetap ada di formulir: coba lagi beberapa menit lagi.
