## Pesan kepada peserta lokakarya (issue #18) dan kepada narahubung lokakarya.

mail-ws-code = Kode pendaftaran
mail-ws-workshop = Lokakarya
mail-ws-when = Waktu
mail-ws-place = Lokasi
mail-ws-online = Daring (tautan rapat dikirim lewat email sehari sebelum acara)
mail-ws-access = Aksesibilitas di lokakarya ini
mail-ws-position = Urutan Anda di daftar tunggu
mail-ws-link = Lihat atau batalkan pendaftaran Anda
mail-ws-cancel-note = Jika ternyata Anda tidak dapat hadir, mohon batalkan pendaftaran agar kursi Anda dapat diberikan kepada orang di daftar tunggu.
mail-ws-calendar-attached = Berkas kalender terlampir menambahkan lokakarya ini ke kalender Anda.
mail-ws-changed-subject = Pendaftaran lokakarya Anda { $code }

mail-ws-confirmed-subject = Anda mendapat kursi di { $title }: { $code }
mail-ws-confirmed-body = Pendaftaran Anda sudah dikonfirmasi. Simpan kode pendaftaran ini: Anda memerlukannya untuk mencari atau membatalkan pendaftaran.
mail-ws-waitlisted-subject = Anda masuk daftar tunggu { $title }: { $code }
mail-ws-waitlisted-body = Semua kursi sudah terisi untuk saat ini. Anda berada di urutan { $position } dalam daftar tunggu. Jika ada kursi kosong, kursi itu diberikan kepada orang pertama di daftar, dan kami akan memberi tahu Anda lewat email.
mail-ws-promoted-subject = Ada kursi kosong: Anda kini mendapat kursi di { $title } ({ $code })
mail-ws-promoted-body = Ada peserta yang membatalkan, dan Anda berada di urutan berikutnya dalam daftar tunggu. Kursi Anda sudah dikonfirmasi: Anda tidak perlu melakukan apa pun.
mail-ws-cancelled-subject = Pendaftaran { $code } Anda sudah dibatalkan
mail-ws-cancelled-body = Pendaftaran Anda untuk { $title } sudah dibatalkan. Terima kasih sudah memberi tahu kami: kursi Anda diberikan kepada orang berikutnya di daftar tunggu.

mail-ws-need-subject = Permintaan aksesibilitas Anda untuk { $title }: { $code }
mail-ws-need-arranged = Kabar baik: { $need } sudah disiapkan untuk Anda.
mail-ws-need-not-possible = Mohon maaf, kami tidak dapat menyediakan { $need } untuk lokakarya ini. Silakan hubungi penyelenggara agar kita dapat mencari cara lain bersama: { $contact }
mail-ws-need-requested = Penyelenggara sedang meninjau kembali permintaan { $need } Anda. Kami akan mengabari Anda setelah ada keputusan.

mail-ws-reminder-subject = Pengingat: { $title } pada { $date }
mail-ws-reminder-body = Lokakarya Anda sudah dekat. Berikut hal-hal yang perlu Anda ketahui.

mail-ws-meeting-subject = Tautan rapat untuk { $title }
mail-ws-meeting-body = Lokakarya diadakan besok. Gunakan tautan di bawah ini untuk bergabung ke rapat video dari ponsel atau komputer; Anda tidak perlu membuat akun.
mail-ws-meeting-link = Bergabung ke rapat video
mail-ws-meeting-private = Tautan ini khusus untuk peserta terdaftar: mohon jangan dibagikan.

mail-ws-needs-subject = Permintaan aksesibilitas baru untuk { $title }: { $code }
mail-ws-needs-body = Ada pendaftaran baru yang meminta dukungan aksesibilitas. Mohon siapkan, lalu catat di Balai apakah setiap permintaan sudah disiapkan, agar peserta mendapat kabar.
mail-ws-needs = Kebutuhan aksesibilitas
mail-ws-needs-link = Lihat pendaftaran di Balai

# Issue 21: waiting for a wheelchair space (its own pool).
mail-ws-waitlisted-wheelchair-body = Semua ruang kursi roda sudah terisi untuk saat ini. Anda berada di urutan { $position } dalam daftar tunggu ruang kursi roda. Jika ada yang kosong, ruang itu diberikan kepada orang pertama di daftar tersebut, dan kami akan memberi tahu Anda lewat email.
