print("siirto-gen")
