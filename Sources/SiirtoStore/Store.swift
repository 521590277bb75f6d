import GRDB
import SiirtoCore
