### Laporan: formulir, tanda terima, pelacakan, dan halaman pribadi pelapor.

moment-wib = { $date }, pukul { $time } WIB

## Start
report-start-title = Kirim laporan
report-start-lede = Sampaikan kepada pemerintah masalah pada layanan publik, bagikan ide Anda, atau minta informasi. Gratis, dan Anda tidak perlu membuat akun.
report-start-need-heading = Apa saja yang akan ditanyakan
report-start-need-what = apa yang terjadi, dengan kata-kata Anda sendiri
report-start-need-where = di mana dan kapan kejadiannya
report-start-need-photos = foto, jika ada (opsional)
report-start-need-contact = nama Anda dan cara menghubungi Anda (Anda juga boleh melapor secara anonim)
report-start-draft-kept = Jawaban Anda disimpan di setiap halaman. Anda boleh berhenti dan melanjutkannya nanti di perangkat ini: laporan Anda disimpan selama { $days } hari sejak perubahan terakhir.
report-start-no-time-limit = Tidak ada batas waktu di halaman mana pun. Isi dengan tenang, selama yang Anda perlukan.
report-start-button = Mulai laporan Anda
report-start-continue-heading = Ada laporan Anda yang belum terkirim
report-start-continue = Lanjutkan laporan Anda
report-start-new = Mulai laporan baru saja
report-start-another = Kirim laporan lain
report-privacy-link = Cara kami memakai data pribadi Anda (pemberitahuan privasi)

## Steps
report-back = Kembali
report-continue = Lanjut
report-choose = Pilih
report-step-of = Langkah { $n } dari { $of }
report-draft-until = Jawaban Anda sudah tersimpan. Jika Anda berhenti di sini, laporan Anda disimpan sampai { $date }.
report-draft-restarted = Jawaban Anda sebelumnya sudah lewat masa simpannya, jadi kami memulai laporan baru dengan apa yang Anda ketik di halaman ini. Periksa lagi halaman-halaman lainnya.
report-step-kind = Apa jenis laporan Anda?
report-kind-complaint = Pengaduan
report-kind-complaint-hint = Ada yang salah atau tidak adil dalam layanan publik.
report-kind-aspiration = Aspirasi
report-kind-aspiration-hint = Ide atau saran agar layanan publik menjadi lebih baik.
report-kind-information = Permintaan informasi
report-kind-information-hint = Anda ingin mendapat informasi yang dimiliki instansi pemerintah.

report-step-details = Apa yang terjadi?
report-title-label = Judul
report-title-hint = Ringkasan singkat, paling banyak { $max } karakter, misalnya: "Jalur landai di kantor desa rusak".
report-description-label = Uraian
report-description-hint = Ceritakan apa yang terjadi, siapa yang terkena dampaknya, dan apa yang Anda harapkan. Paling banyak { $max } karakter.
report-category-label = Kategori
report-category-hint = Pilih yang paling sesuai. Petugas dapat mengubahnya.

report-step-personal-data = Laporan Anda mungkin berisi data pribadi
report-personal-data-intro = Kami menemukan tulisan yang tampak seperti data pribadi:
report-personal-data-nik = nomor 16 angka yang tampak seperti nomor induk kependudukan (NIK)
report-personal-data-phone = nomor telepon
report-personal-data-email = alamat email
report-personal-data-why = Jika laporan Anda diterbitkan, semua orang dapat membaca tulisan ini. Nama dan kontak Anda ditanyakan terpisah dan tidak pernah diterbitkan.
report-personal-data-legend = Apa yang ingin Anda lakukan?
report-personal-data-edit = Ubah tulisannya untuk menghapus data itu
report-personal-data-keep = Biarkan tulisannya seperti itu
report-personal-data-keep-hint = Petugas mungkin tetap menghapus data pribadi sebelum laporan Anda diterbitkan.

report-step-province = Di provinsi mana kejadiannya?
report-province-label = Provinsi
report-province-hint = Anda akan memilih kabupaten atau kota di halaman berikutnya.
report-step-place = Di mana tepatnya kejadiannya?
report-regency-label = Kabupaten atau kota
report-regency-hint = Kabupaten dan kota di { $province }.
report-place-label = Lokasi (opsional)
report-place-hint = Misalnya nama jalan, gedung, atau desa.
report-where = Daerah

report-step-date = Kapan kejadiannya?
report-date-legend = Tanggal kejadian
report-date-hint = Jika tidak yakin, tulis perkiraan terbaik Anda. Misalnya, { $day } { $month } { $year }.
report-date-day = Hari
report-date-month = Bulan
report-date-year = Tahun

report-step-agency = Instansi mana yang bertanggung jawab?
report-agency-label = Instansi
report-agency-hint = Jika tidak tahu, biarkan "Saya tidak tahu". Petugas akan meneruskan laporan Anda ke instansi yang tepat.
report-agency-unknown = Saya tidak tahu (petugas akan memilihkan)
report-agency-regional = Pemerintah daerah
report-agency-national = Kementerian dan lembaga pusat
report-agency-not-yet = Belum ditentukan

report-step-photos = Apakah Anda punya foto?
report-photos-intro = Anda dapat menambahkan paling banyak { $max } foto. Foto tidak wajib. Wajah dan pelat nomor kendaraan di foto mungkin ikut diterbitkan jika laporan Anda publik.
report-photos-none = Anda belum menambahkan foto.
report-photos-added = Anda sudah menambahkan { $count } foto
report-photos-count = { $count ->
    [0] Tidak ada foto
   *[other] { $count } foto
}
report-photos-full = Anda sudah menambahkan { $max } foto, jumlah paling banyak. Hapus satu foto untuk menambahkan yang lain.
report-photo-add-heading = Tambahkan foto
report-photo-label = Foto
report-photo-hint = JPEG, PNG, atau WebP, paling besar 10 MB. Kami menghapus data lokasi dan kamera dari foto.
report-photo-description-label = Keterangan foto (opsional)
report-photo-description-hint = Jelaskan apa yang terlihat di foto, untuk orang yang tidak dapat melihatnya. Misalnya: "Jalur landai rusak dengan anak tangga setinggi 20 cm".
report-photo-description-max = Paling banyak { $max } karakter.
report-photo-upload = Unggah foto
report-photo-remove = Hapus
report-photo-no-description = Tidak ada keterangan
report-photo-default-alt = Foto laporan nomor { $n }
report-photos-skip = Lanjut tanpa foto

report-step-privacy = Siapa yang dapat melihat laporan Anda?
report-privacy-hint = Pilih yang sesuai untuk Anda. Anda dapat melaporkan masalah tanpa ada yang tahu nama Anda.
report-privacy-public = Publik
report-privacy-public-hint = Laporan Anda diterbitkan setelah diperiksa. Nama dan kontak Anda tidak pernah diterbitkan. Instansi dapat melihat nama Anda.
report-privacy-anonymous = Anonim
report-privacy-anonymous-hint = Laporan Anda diterbitkan setelah diperiksa, tetapi nama Anda disembunyikan dari masyarakat dan dari instansi.
report-privacy-confidential = Rahasia
report-privacy-confidential-hint = Tidak ada yang diterbitkan. Hanya petugas dan instansi yang dapat melihat laporan Anda.
report-who-caption = Siapa melihat apa
report-who-choice = Pilihan Anda
report-who-what = Apa
report-who-public = Masyarakat
report-who-agency = Instansi
report-who-row-report = Laporan dan foto Anda
report-who-row-name = Nama dan kontak Anda
report-who-staff = Petugas Balai yang memeriksa laporan dapat melihat semuanya, agar dapat menghubungi Anda jika perlu.

report-step-about = Tentang Anda
report-about-intro = Kami memerlukan nama Anda dan alamat email atau nomor telepon, agar petugas dapat menghubungi Anda tentang laporan Anda.
report-about-intro-anonymous = Anda memilih melapor secara anonim, jadi nama Anda tidak wajib diisi. Jika Anda memberi kontak, hanya petugas Balai yang dapat melihatnya.
report-name-label = Nama lengkap
report-name-label-optional = Nama lengkap (opsional)
report-email-label = Alamat email
report-contact-hint = Isi alamat email, nomor telepon, atau keduanya.
report-notify-legend = Kabar lewat email
report-notify = Beri tahu saya lewat email jika laporan saya berubah
report-notify-hint = Hanya jika Anda mengisi alamat email di atas. Kami mengirim kabar saat laporan Anda diperiksa, diteruskan ke instansi, dijawab atau ditutup, atau saat petugas bertanya kepada Anda. Kunci akses tidak pernah kami kirim lewat email.
report-phone-label = Nomor telepon
report-behalf-legend = Laporan ini untuk siapa?
report-behalf-self = Untuk diri saya sendiri
report-behalf-other = Untuk orang lain
report-behalf-other-hint = Misalnya anggota keluarga atau anggota organisasi Anda.
report-relationship-label = Jika untuk orang lain: apa hubungan Anda dengan orang itu?
report-relationship-hint = Misalnya: "ibu", "organisasi penyandang disabilitas".
report-other-agreed-legend = Jika untuk orang lain
report-other-agreed = Orang yang saya wakili dalam laporan ini sudah setuju saya mengirimkannya
report-consent-legend = Persetujuan Anda
report-consent = Saya setuju Balai menyimpan laporan dan data pribadi saya sesuai penjelasan di pemberitahuan privasi
report-consent-hint = Nama dan kontak Anda hanya dipakai untuk menangani laporan ini.

report-step-check = Periksa jawaban Anda sebelum mengirim
report-change = Ubah
report-answer-none = Tidak diisi
report-check-kind = Jenis laporan
report-check-photos = Foto
report-check-privacy = Siapa yang dapat melihat
report-check-contact = Kontak
report-check-notify-yes = Ya, beri tahu saya lewat email jika laporan saya berubah
report-check-notify-no = Tidak
report-check-status = Status
report-check-behalf-other = Untuk orang lain ({ $relationship })
report-check-personal-data-kept = Judul atau uraian Anda berisi tulisan yang tampak seperti data pribadi. Petugas mungkin menghapusnya sebelum laporan diterbitkan.
report-check-send-heading = Sekarang kirim laporan Anda
report-check-send-text = Dengan mengirim, Anda menyatakan bahwa yang Anda tulis benar sejauh yang Anda ketahui.
report-send = Kirim laporan
report-not-saved = Jawaban Anda di halaman ini belum tersimpan karena gangguan di sistem kami. Jawaban itu masih ada di formulir di bawah. Coba tekan "Lanjut" lagi dalam satu menit.
report-draft-too-large = Jawaban Anda di halaman ini terlalu panjang untuk disimpan. Persingkat jawaban yang ditandai di bawah, lalu tekan "Lanjut" lagi.
report-not-sent = Laporan Anda belum terkirim karena gangguan di sistem kami. Semua jawaban Anda tetap tersimpan. Coba tekan "Kirim laporan" lagi dalam satu menit.

## Errors
report-error-kind = Pilih jenis laporan
report-error-title-missing = Masukkan judul
report-error-title-long = Judul terlalu panjang: paling banyak { $max } karakter. Kurangi { $over } karakter.
report-error-description-missing = Ceritakan apa yang terjadi
report-error-description-long = Uraian terlalu panjang: paling banyak { $max } karakter. Kurangi { $over } karakter.
report-error-category = Pilih kategori
report-error-personal-data-choice = Pilih apakah Anda ingin mengubah tulisan atau membiarkannya
report-error-province = Pilih provinsi
report-error-regency = Pilih kabupaten atau kota
report-error-place-long = Keterangan lokasi terlalu panjang: paling banyak { $max } karakter. Kurangi { $over } karakter.
report-error-day = Masukkan hari dengan angka 1 sampai 31
report-error-month = Masukkan bulan dengan angka 1 sampai 12
report-error-year = Masukkan tahun dengan 4 angka, misalnya 2026
report-error-date-invalid = Masukkan tanggal yang benar (bulan ini tidak punya tanggal itu)
report-error-date-future = Tanggal harus hari ini atau sebelumnya
report-error-date-early = Tanggal harus tahun 1945 atau sesudahnya
report-error-agency = Pilih instansi dari daftar, atau "Saya tidak tahu"
report-error-photo-missing = Pilih foto yang ingin diunggah, atau tekan { $photos ->
    [0] "Lanjut tanpa foto" untuk melanjutkan tanpa foto
   *[other] "Lanjut" untuk melanjutkan dengan foto yang sudah Anda tambahkan
}
report-error-photo-not-stored = Foto belum tersimpan karena gangguan di sistem kami. Keterangan Anda tetap ada: pilih foto itu lagi dan unggah dalam satu menit.
report-error-photo-too-many = Anda dapat menambahkan paling banyak { $max } foto. Hapus satu foto untuk menambahkan yang lain.
report-error-photo-description-long = Keterangan foto terlalu panjang: paling banyak { $max } karakter. Kurangi { $over } karakter.
report-error-privacy = Pilih siapa yang dapat melihat laporan Anda
report-error-name-missing = Masukkan nama lengkap Anda, atau kembali dan pilih melapor secara anonim
report-error-name-long = Nama terlalu panjang: paling banyak { $max } karakter. Kurangi { $over } karakter.
report-error-contact-missing = Masukkan alamat email atau nomor telepon
report-error-notify-email = Masukkan alamat email Anda agar kami bisa memberi kabar, atau hapus centangnya
report-error-behalf = Pilih untuk siapa laporan ini
report-error-relationship-missing = Tuliskan hubungan Anda dengan orang itu
report-error-relationship-long = Jawaban ini terlalu panjang: paling banyak { $max } karakter. Kurangi { $over } karakter.
report-error-other-agreed = Centang pernyataan bahwa orang itu sudah setuju, atau pilih "Untuk diri saya sendiri"
report-error-consent = Centang persetujuan agar kami dapat menangani laporan Anda

## Sent
report-sent-title = Laporan terkirim
report-sent-code-label = Kode pelacakan Anda:
report-sent-key-heading = Kunci akses Anda
report-sent-key-label = Bersama kode pelacakan, kunci ini membuat Anda dapat melihat seluruh laporan, menjawab pertanyaan, dan memantau perkembangannya:
report-sent-key-advice = Catat atau simpan kode dan kunci ini sekarang. Kunci ini hanya ditampilkan di sini, dan kami tidak dapat menampilkannya lagi.
report-sent-next-heading = Apa yang terjadi selanjutnya
report-sent-next-verify = Petugas akan memeriksa laporan Anda paling lambat { $date } dan meneruskannya ke instansi yang bertanggung jawab. Setelah itu, instansi punya waktu { $days } hari kerja untuk menindaklanjutinya.
report-sent-next-public = Setelah diperiksa, laporan Anda akan diterbitkan tanpa nama atau kontak Anda.
report-sent-next-anonymous = Setelah diperiksa, laporan Anda akan diterbitkan. Nama Anda disembunyikan dari masyarakat dan dari instansi.
report-sent-next-confidential = Laporan Anda tidak akan diterbitkan. Hanya petugas dan instansi yang akan melihatnya.
report-sent-track-link = Pantau laporan Anda
report-sent-on = Dikirim pada

## Status and timeline
report-status-submitted = Menunggu diperiksa
report-status-verified = Sudah diperiksa
report-status-rejected = Tidak diterima
report-status-info-requested = Perlu informasi tambahan
report-status-routed = Diteruskan ke instansi
report-status-in-progress = Sedang ditindaklanjuti
report-status-answered = Sudah dijawab
report-status-closed = Ditutup (selesai)
report-status-archived = Diarsipkan
report-timeline-heading = Apa saja yang sudah terjadi
report-event-submitted = Laporan dikirim
report-event-verified = Laporan diperiksa
report-event-rejected = Laporan tidak diterima
report-event-info-requested = Informasi tambahan diminta
report-event-reporter-info = Pelapor menambahkan informasi
report-event-routed = Diteruskan ke instansi
report-event-in-progress = Mulai ditindaklanjuti
report-event-answered = Jawaban diberikan
report-event-closed = Ditutup karena sudah selesai
report-event-reopened = Dibuka kembali
report-event-rated = Pelapor menilai hasilnya
report-event-reopen-requested = Pelapor meminta laporan dibuka kembali
report-actor-reporter = Pelapor
report-actor-verifier = Petugas Balai
report-actor-officer = Instansi
report-actor-admin = Petugas Balai
report-actor-system = Balai
report-public-caption = Laporan { $code }
report-public-anonymous = Laporan ini dikirim secara anonim.
report-not-public-title = Laporan tidak ditemukan atau tidak publik
report-not-public-text = Tidak ada laporan publik dengan kode ini. Mungkin kodenya salah, atau laporannya tidak diterbitkan: laporan baru diterbitkan setelah diperiksa, dan laporan rahasia tidak pernah diterbitkan.
report-not-public-track = Jika ini laporan Anda, cari dengan kode pelacakan dan kunci akses Anda

## Tracking
track-title = Pantau laporan
track-intro = Masukkan kode pelacakan yang Anda terima saat mengirim laporan. Untuk melihat laporan lengkap dan menjawab pertanyaan, masukkan juga kunci akses Anda.
track-code-label = Kode pelacakan
track-code-hint = 9 huruf dan angka, misalnya K7M-4QX-92B. Huruf besar atau kecil, spasi, dan tanda hubung tidak berpengaruh.
track-key-label = Kunci akses (opsional)
track-key-hint = Hanya jika ini laporan Anda: kunci 28 karakter yang ditampilkan saat Anda mengirimnya.
track-submit = Cari laporan
track-new-report-link = Kirim laporan baru
track-lost-key-link = Kunci akses saya hilang
lost-key-title = Buat kunci akses baru
lost-key-intro = Isi kode pelacakan laporan Anda dan alamat email yang Anda berikan bersama laporan itu. Jika keduanya cocok, kami mengirim tautan ke alamat tersebut. Tautan itu membuat kunci akses baru; kunci lama tidak berlaku lagi.
lost-key-email-label = Alamat email yang diberikan bersama laporan
lost-key-email-hint = Kami hanya dapat membantu jika Anda memberikan alamat email saat mengirim laporan. Jika tidak, hubungi kami melalui halaman tentang Balai.
lost-key-submit = Kirimi saya tautan
lost-key-back = Kembali ke pencarian laporan
lost-key-error-email-missing = Masukkan alamat email yang Anda berikan bersama laporan
lost-key-sent-title = Periksa email Anda
lost-key-sent-text = Jika kode dan alamat itu cocok dengan sebuah laporan, kami sudah mengirim tautan ke alamat tersebut. Tautan berlaku satu jam.
lost-key-sent-nothing = Belum ada pesan setelah beberapa menit? Periksa folder spam, lalu periksa kode dan alamat yang Anda ketik. Anda dapat meminta lagi.
new-key-title = Buat kunci akses baru
new-key-intro = Ini membuat kunci akses baru untuk laporan { $code }.
new-key-old-stops = Kunci lama tidak akan berlaku lagi. Simpan kunci baru baik-baik: kami hanya menampilkannya sekali.
new-key-submit = Buat kunci akses baru
new-key-made-title = Kunci akses baru Anda
new-key-made-old = Kunci lama tidak berlaku lagi.
new-key-gone-title = Tautan ini tidak berlaku lagi
new-key-gone-text = Tautan ini sudah dipakai, atau sudah lebih dari satu jam. Setiap tautan hanya berlaku sekali, selama satu jam.
new-key-gone-again = Minta tautan baru
track-view-expired = Untuk melihat laporan Anda, masukkan lagi kode pelacakan dan kunci akses Anda.
track-error-code-missing = Masukkan kode pelacakan
track-error-code-format = Masukkan kode pelacakan seperti yang ditampilkan: 9 huruf dan angka, seperti K7M-4QX-92B
track-error-key-format = Masukkan kunci akses seperti yang ditampilkan: 28 huruf dan angka
track-error-key-wrong = Kode pelacakan dan kunci akses tidak cocok. Periksa keduanya lalu coba lagi.
track-private-title = Laporan Anda { $code }
track-private-intro = Hanya Anda yang dapat melihat halaman ini, karena halaman ini menampilkan data pribadi Anda. Tutup halaman ini setelah selesai, terutama di perangkat yang dipakai bersama.
track-info-requested = Petugas meminta informasi tambahan dari Anda. Baca pertanyaan mereka di bawah ini, lalu jawablah.
track-answer-heading = Jawab pertanyaan
track-add-heading = Tambahkan informasi
track-info-label = Informasi Anda
track-info-hint = Hanya petugas dan instansi yang dapat melihat ini.
track-info-submit = Kirim informasi
track-done-info = Informasi Anda sudah ditambahkan ke laporan.
track-done-rated = Terima kasih. Penilaian Anda sudah disimpan.
track-done-reopen = Permintaan Anda untuk membuka kembali laporan sudah dikirim ke petugas.
track-error-info-missing = Masukkan informasi yang ingin Anda tambahkan
track-error-text-long = Tulisan ini terlalu panjang: paling banyak { $max } karakter. Kurangi { $over } karakter.
track-rate-heading = Nilai hasilnya
track-rating-legend = Seberapa puas Anda dengan cara laporan Anda ditangani?
track-rating-hint = 1 berarti sama sekali tidak puas, 5 berarti sangat puas.
track-rating-1 = 1: sama sekali tidak puas
track-rating-2 = 2: tidak puas
track-rating-3 = 3: biasa saja
track-rating-4 = 4: puas
track-rating-5 = 5: sangat puas
track-comment-label = Komentar (opsional)
track-rate-submit = Simpan penilaian
track-error-rating = Pilih nilai dari 1 sampai 5
track-error-rating-not-yet = Anda dapat menilai hasilnya setelah laporan Anda dijawab
track-reopen-heading = Minta laporan dibuka kembali
track-reason-label = Mengapa laporan ini perlu dibuka kembali?
track-reason-hint = Anda dapat memintanya dalam 30 hari sejak laporan ditutup.
track-reopen-submit = Minta dibuka kembali
track-error-reason-missing = Tuliskan mengapa laporan perlu dibuka kembali
track-error-reopen-late = Laporan hanya dapat dibuka kembali dalam 30 hari sejak ditutup
track-leave-heading = Sudah selesai?
track-leave = Keluar dari tampilan pribadi di perangkat ini

## #21 (reporter journey): text kept when the private view closed; Ombudsman link;
## a report's current deadline; the postponed date
track-view-expired-kept = Tampilan pribadi Anda sudah tertutup, tetapi yang Anda tulis tetap tersimpan. Masukkan lagi kunci akses Anda dan tulisan itu akan dikirim.
track-pending-heading = Yang Anda tulis
track-ombudsman-link = Sampaikan pengaduan ke Ombudsman RI (ombudsman.go.id)
report-deadline-label = Tenggat saat ini
report-deadline-verify = Diperiksa paling lambat { $date }
report-deadline-answer = Ditanggapi paling lambat { $date }
report-overdue = Terlambat { $days } hari kerja
report-postponed-until = Ditunda sampai { $date }
moment-zoned = { $date }, pukul { $time } { $zone }

# Issue 21 (helper C): staff declined a request to reopen.
report-event-reopen-declined = Petugas memutuskan laporan tetap ditutup
