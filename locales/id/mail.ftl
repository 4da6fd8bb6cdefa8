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
