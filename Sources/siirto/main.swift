print("siirto")
