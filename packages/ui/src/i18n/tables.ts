// The three text tables, by language. The drop-in builds one UI chunk per language, each with this module
// swapped for one that holds only its own table (rollup.config.mjs): a visitor downloads the texts of one.
import { nb } from './nb'
import { nn } from './nn'
import { en } from './en'

export const TABLES = { nb, nn, en }
