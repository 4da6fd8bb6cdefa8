# Issue 19: kanal dan meja layanan (pengaduan dibantu petugas).
channel-web = Situs web
channel-partner = Sistem mitra
channel-walk-in = Datang langsung
channel-phone = Telepon
channel-letter = Surat
channel-social-media = Media sosial
