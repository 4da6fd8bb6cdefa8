# Home page and error pages.

home-title = Balai: laporkan, pantau, belajar
home-lede = Balai adalah tempat warga menyampaikan pengaduan, aspirasi dan permintaan informasi kepada pemerintah, lalu memantau jawabannya.
home-report-heading = Sampaikan laporan
home-report-text = Ceritakan apa yang terjadi, di mana dan kapan. Anda boleh melapor tanpa nama atau secara rahasia.
home-report-start = Mulai laporan Anda
home-report-link = Cara menyampaikan laporan
home-track-heading = Pantau laporan
home-track-text = Setiap laporan mendapat kode pelacakan. Dengan kode itu siapa pun dapat mengikuti laporan publik setelah diperiksa petugas; laporan rahasia atau yang belum diperiksa hanya dapat Anda ikuti dengan kunci akses Anda.
home-track-start = Cari laporan dengan kodenya
home-track-link = Cara memantau laporan
home-learn-heading = Kampanye dan lokakarya
home-learn-text = Kami mengajak warga, terutama perempuan, anak muda dan penyandang disabilitas, belajar memakai layanan pengaduan.
home-learn-link = Kampanye kami
home-workshops-link = Cari lokakarya di dekat Anda
home-registration-link = Lihat atau batalkan pendaftaran lokakarya

error-status = Kode kesalahan: { $status }
error-next-heading = Apa yang bisa Anda lakukan
error-go-home = Kembali ke beranda
error-get-help = Baca halaman bantuan
error-400-title = Permintaan tidak dapat diproses
error-400-body = Kami tidak dapat memproses permintaan ini. Periksa alamatnya lalu coba lagi.
error-404-title = Halaman tidak ditemukan
error-404-body = Halaman yang Anda cari tidak ada. Jika Anda mengetik alamatnya, periksa ejaannya.
error-405-title = Cara membuka halaman ini tidak didukung
error-405-body = Halaman ini tidak dapat dibuka dengan cara tersebut. Buka halaman dari tautan di situs ini.
error-413-title = Kiriman terlalu besar
error-413-body = Yang Anda kirim melebihi batas ukuran. Kecilkan atau kurangi foto, lalu coba lagi.
error-429-title = Terlalu banyak permintaan
error-429-body = Anda mengirim terlalu banyak permintaan dalam waktu singkat. Tunggu sebentar, lalu coba lagi.
error-500-title = Maaf, terjadi masalah pada sistem kami
error-500-body = Terjadi kesalahan di pihak kami. Tidak ada yang perlu Anda ubah. Coba lagi beberapa saat lagi.
error-503-title = Layanan sedang tidak tersedia
error-503-body = Layanan ini sedang tidak dapat digunakan. Coba lagi beberapa menit lagi.
