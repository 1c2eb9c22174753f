"""Texts of the Parquet marts mode (env `CX_MARTS`): where the data comes from, why it cannot be
shown, and that this deployment is read-only."""

STRINGS: dict[str, dict[str, str]] = {
    # --- the sidebar's status line ----------------------------------------------------------
    "marts_status_ok": {
        "en": "Marts: Parquet folder “{folder}”, refreshed {when}",
        "fi": "Kokoomataulut: Parquet-kansio ”{folder}”, päivitetty {when}",
    },
    "marts_status_problem": {
        "en": "Marts: Parquet folder “{folder}”, not available",
        "fi": "Kokoomataulut: Parquet-kansio ”{folder}”, ei käytettävissä",
    },
    "marts_status_read_only": {
        "en": "Read-only: data is loaded with a Spark refresh.",
        "fi": "Vain luku: tiedot tuodaan Spark-päivityksellä.",
    },
    # --- why the pages cannot show the marts ------------------------------------------------------
    "marts_folder_missing": {
        "en": "The marts folder “{folder}” (`CX_MARTS`) does not exist or cannot be read. Run the Spark "
        "refresh to write it, or point `CX_MARTS` at the folder it wrote.",
        "fi": "Kokoomataulujen kansiota ”{folder}” (`CX_MARTS`) ei ole tai sitä ei voi lukea. Aja "
        "Spark-päivitys, joka kirjoittaa sen, tai osoita `CX_MARTS` kansioon, johon se kirjoitti.",
    },
    "marts_uri": {
        "en": "`CX_MARTS` names a {scheme}:// location (“{folder}”): the dashboard reads the marts only "
        "from a local or mounted folder (its DuckDB has no object-store or HDFS access). Copy the "
        "marts folder the Spark refresh wrote to this server (`aws s3 sync`, `azcopy sync`, "
        "`gcloud storage rsync -r`, `hadoop fs -get`), or mount the store, and point `CX_MARTS` at "
        "that folder. Copy each completed refresh to a new folder and switch a symbolic link to it "
        "(docs/parquet_marts.md): syncing into the folder being served mixes two runs' files.",
        "fi": "`CX_MARTS` osoittaa {scheme}://-sijaintiin (”{folder}”): kojelauta lukee kokoomataulut "
        "vain paikallisesta tai liitetystä kansiosta (sen DuckDB ei pääse objektivarastoon eikä "
        "HDFS:ään). Kopioi Spark-päivityksen kirjoittama kokoomataulujen kansio tälle palvelimelle "
        "(`aws s3 sync`, `azcopy sync`, `gcloud storage rsync -r`, `hadoop fs -get`) tai liitä "
        "tallennustila, ja osoita `CX_MARTS` siihen kansioon. Kopioi jokainen valmis päivitys uuteen "
        "kansioon ja vaihda symbolinen linkki osoittamaan siihen (docs/parquet_marts.md): käytössä "
        "olevaan kansioon synkronointi sekoittaisi kahden ajon tiedostot.",
    },
    "marts_folder_empty": {
        "en": "The marts folder “{folder}” (`CX_MARTS`) is empty: no Spark refresh has written to it yet.",
        "fi": "Kokoomataulujen kansio ”{folder}” (`CX_MARTS`) on tyhjä: mikään Spark-päivitys ei ole "
        "vielä kirjoittanut siihen.",
    },
    "marts_not_refreshed": {
        "en": "The marts folder “{folder}” has no `_refresh.json`: a Spark refresh is running, or the "
        "last one failed (the file is written only when every model was built). The pages show "
        "the data again when a refresh completes.",
        "fi": "Kokoomataulujen kansiossa ”{folder}” ei ole tiedostoa `_refresh.json`: Spark-päivitys on "
        "käynnissä tai edellinen epäonnistui (tiedosto kirjoitetaan vasta, kun jokainen malli on "
        "rakennettu). Sivut näyttävät tiedot taas, kun päivitys valmistuu.",
    },
    "marts_missing": {
        "en": "The marts folder “{folder}” lacks {n} of the marts the pages read: {marts}. Run the "
        "Spark refresh again with this version of the product.",
        "fi": "Kokoomataulujen kansiosta ”{folder}” puuttuu {n} sivujen lukemaa taulua: {marts}. Aja "
        "Spark-päivitys uudelleen tällä tuotteen versiolla.",
    },
    "marts_schema": {
        "en": "The mart {mart} in “{folder}” lacks columns the pages read: {columns}. It was written by "
        "another version of the models: run the Spark refresh again with this version.",
        "fi": "Kokoomataulusta {mart} kansiossa ”{folder}” puuttuu sivujen lukemia sarakkeita: "
        "{columns}. Sen kirjoitti mallien toinen versio: aja Spark-päivitys uudelleen tällä versiolla.",
    },
    "marts_unreadable": {
        "en": "The mart {mart} in “{folder}” cannot be read as Parquet. Run the Spark refresh again.",
        "fi": "Kokoomataulua {mart} kansiossa ”{folder}” ei voi lukea Parquet-muodossa. Aja "
        "Spark-päivitys uudelleen.",
    },
    "marts_unreadable_any": {
        "en": "The marts in “{folder}” cannot be read (a file changed or is unreadable; the server "
        "log says which). Run the Spark refresh again.",
        "fi": "Kansion ”{folder}” kokoomatauluja ei voi lukea (tiedosto muuttui tai sitä ei voi lukea; "
        "palvelimen loki kertoo mikä). Aja Spark-päivitys uudelleen.",
    },
    "marts_db_hides": {
        "en": "The database file (`CX_DB`) holds tables of its own with the names the marts of "
        "“{folder}” are read under ({tables}): they would be shown instead. With `CX_MARTS`, "
        "point `CX_DB` at a separate file that holds only the app's own data (users, actions, "
        "journey map versions).",
        "fi": "Tietokantatiedostossa (`CX_DB`) on omia tauluja niillä nimillä, joilla kansion "
        "”{folder}” kokoomataulut luetaan ({tables}): ne näytettäisiin niiden sijaan. Kun "
        "`CX_MARTS` on käytössä, osoita `CX_DB` erilliseen tiedostoon, jossa on vain sovelluksen omat tiedot "
        "(käyttäjät, toimenpiteet, polkukartan versiot).",
    },
    "marts_map_unusable": {
        "en": "The journey map's tables (`map_*`) are neither in “{folder}” nor in the raw folder "
        "(`CX_RAW`), and the journey map stored in the database file cannot be read either.",
        "fi": "Polkukartan tauluja (`map_*`) ei ole kansiossa ”{folder}” eikä raakadatan kansiossa "
        "(`CX_RAW`), eikä tietokantatiedostoon tallennettua polkukarttaa voi lukea.",
    },
    "marts_maps_from_db": {
        "en": "The journey map's tables (`map_*`) were found neither next to the marts nor in the "
        "raw folder (set `CX_RAW`): stage and function names, targets and settings come from the "
        "journey map stored in the database file, which may differ from the one Spark used.",
        "fi": "Polkukartan tauluja (`map_*`) ei löytynyt kokoomataulujen vierestä eikä raakadatan "
        "kansiosta (aseta `CX_RAW`): vaiheiden ja toimintojen nimet, tavoitteet ja asetukset tulevat "
        "tietokantatiedostoon tallennetusta polkukartasta, joka voi poiketa Sparkin käyttämästä.",
    },
    "marts_raw_uri": {
        "en": "`CX_RAW` names a {scheme}:// location, which the dashboard cannot read (only a local "
        "or mounted folder): stage and function names, targets and settings come from the journey "
        "map stored in the database file, which may differ from the one Spark used. Copy the raw "
        "folder's `map_*` tables to this server and point `CX_RAW` at that folder.",
        "fi": "`CX_RAW` osoittaa {scheme}://-sijaintiin, jota kojelauta ei voi lukea (vain paikallisen "
        "tai liitetyn kansion): vaiheiden ja toimintojen nimet, tavoitteet ja asetukset tulevat "
        "tietokantatiedostoon tallennetusta polkukartasta, joka voi poiketa Sparkin käyttämästä. "
        "Kopioi raakadatan kansion `map_*`-taulut tälle palvelimelle ja osoita `CX_RAW` siihen kansioon.",
    },
    # --- read-only ------------------------------------------------------------------------------
    "marts_read_only_upload": {
        "en": "This deployment is read-only: its pages show the marts a Spark refresh writes to "
        "the Parquet folder “{folder}” (`CX_MARTS`), so nothing can be imported or rolled back here. "
        "Load new data into the raw Parquet folder the Spark refresh reads (the layout of "
        "`export-raw`, or your lakehouse's own tables in that layout), then run the Spark refresh; "
        "the pages show the new data when it completes:",
        "fi": "Tämä asennus on vain luku -tilassa: sen sivut näyttävät kokoomataulut, jotka "
        "Spark-päivitys kirjoittaa Parquet-kansioon ”{folder}” (`CX_MARTS`), joten täällä ei voi tuoda "
        "tietoja eikä perua tuonteja. Tuo uudet tiedot raakadatan Parquet-kansioon, jota "
        "Spark-päivitys lukee (`export-raw`-komennon rakenne tai tietoaltaan omat taulut samassa "
        "rakenteessa), ja aja sitten Spark-päivitys; sivut näyttävät uudet tiedot, kun se valmistuu:",
    },
    "marts_read_only_map": {
        "en": "This deployment is read-only (Parquet marts, `CX_MARTS`): this is the journey map the "
        "data was built with (the `map_*` tables the Spark refresh read), to view only. Change the "
        "map where the raw folder is exported from, export it again and run the Spark refresh. "
        "Proposed themes are not offered here: they need the comments' lemmas, which the Spark "
        "refresh does not write to the marts folder.",
        "fi": "Tämä asennus on vain luku -tilassa (Parquet-kokoomataulut, `CX_MARTS`): tämä on "
        "polkukartta, jolla tiedot rakennettiin (Spark-päivityksen lukemat `map_*`-taulut), vain "
        "katseltavaksi. Muuta karttaa siellä, mistä raakadatan kansio viedään, vie se uudelleen ja "
        "aja Spark-päivitys. Teemaehdotuksia ei tarjota täällä: ne tarvitsevat kommenttien "
        "lemmat, joita Spark-päivitys ei kirjoita kokoomataulujen kansioon.",
    },
    "marts_map_section_missing": {
        "en": "This part of the journey map is not among the tables the marts were built with.",
        "fi": "Tätä polkukartan osaa ei ole tauluissa, joilla kokoomataulut rakennettiin.",
    },
    "marts_read_only_refused": {
        "en": "Not saved: this deployment is read-only (Parquet marts, `CX_MARTS`).",
        "fi": "Ei tallennettu: tämä asennus on vain luku -tilassa (Parquet-kokoomataulut, `CX_MARTS`).",
    },
}
