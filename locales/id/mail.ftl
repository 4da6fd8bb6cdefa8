## Pesan yang dikirim Balai (isu #18): bagian yang sama di setiap pesan.

mail-signature = Balai, portal laporan dan partisipasi publik
mail-why-direct = Anda menerima pesan ini karena tindakan Anda di Balai.
mail-why-stoppable = Anda menerima pesan ini karena Anda memintanya. Anda dapat menghentikan pesan ini kapan saja.
mail-stop-link = Hentikan pesan ini

## Pesan kepada pelapor.

mail-report-changed-subject = Laporan Anda { $code } berubah
mail-report-changed-body = Laporan Anda sekarang: { $status }.
mail-report-code = Kode pelacakan
mail-report-link = Ikuti laporan Anda di Balai
mail-report-key-note = Untuk membuka laporan Anda, masukkan kode pelacakan dan kunci akses Anda. Kunci akses tidak pernah kami kirim lewat email. Kunci hilang? Di halaman pelacakan ada tautan untuk membuat kunci baru.
mail-report-read-online = Buka laporan Anda di Balai untuk membaca tulisan petugas.
mail-report-agency-unknown = instansi yang berwenang
mail-report-verified-subject = Laporan Anda { $code } sudah diperiksa
mail-report-verified-body = Petugas sudah memeriksa dan menerima laporan Anda. Selanjutnya laporan diteruskan ke instansi yang berwenang.
mail-report-forwarded-subject = Laporan Anda { $code } diteruskan ke { $agency }
mail-report-forwarded-body = Laporan Anda sudah dikirim ke { $agency }, yang berwenang menanganinya. Mereka akan menindaklanjuti dan menjawab di Balai.
mail-report-info-requested-subject = Laporan Anda { $code } perlu informasi tambahan
mail-report-info-requested-body = Petugas punya pertanyaan tentang laporan Anda. Laporan Anda menunggu jawaban: silakan jawab di Balai.
mail-report-question = Pertanyaannya:
mail-report-answered-subject = Laporan Anda { $code } sudah dijawab
mail-report-answered-body = { $agency } sudah menjawab laporan Anda.
mail-report-answered-body-staff = Petugas sudah menjawab laporan Anda.
mail-report-answer = Jawabannya:
mail-report-answered-next = Anda dapat menilai jawaban ini di Balai. Jika masalahnya belum selesai, Anda dapat menambah informasi atau meminta laporan dibuka kembali.
mail-report-rejected-subject = Laporan Anda { $code } tidak diterima
mail-report-rejected-body = Petugas sudah memeriksa laporan Anda dan tidak menerimanya.
mail-report-reason = Alasannya:
mail-report-closed-subject = Laporan Anda { $code } sudah ditutup
mail-report-closed-body = Laporan Anda sekarang ditutup. Anda masih dapat menilai penanganannya.
mail-report-closed-body-automatic = Laporan Anda ditutup karena tidak ada tanggapan dalam 10 hari kerja setelah dijawab. Jika masalahnya belum selesai, Anda dapat meminta laporan dibuka kembali.
mail-report-new-key-subject = Buat kunci akses baru untuk laporan Anda { $code }
mail-report-new-key-body = Seseorang, semoga Anda sendiri, meminta kunci akses baru untuk laporan { $code }.
mail-report-new-key-once = Tautan di bawah hanya dapat dipakai sekali, selama satu jam. Kunci baru menggantikan kunci lama: kunci lama tidak dapat lagi membuka laporan Anda.
mail-report-new-key-link = Buat kunci akses baru
mail-report-new-key-ignore = Jika Anda tidak memintanya, abaikan pesan ini: tidak ada yang berubah dan kunci Anda tetap berlaku.
