import SiirtoCore
