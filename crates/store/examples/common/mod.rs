//! What the store examples share: reading back every document of a store.

/// Every document of the store at `from`, in the order they were stored.
pub fn stored_documents(from: &str) -> Result<Vec<document::Document>, Box<dyn std::error::Error>> {
    let source = store::Store::open_existing(from)?;
    let ids: Vec<String> = {
        let conn = rusqlite::Connection::open(from)?;
        let mut stmt = conn.prepare("SELECT id FROM documents ORDER BY seq")?;
        let rows = stmt.query_map([], |row| row.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut docs = Vec::with_capacity(ids.len());
    for id in &ids {
        docs.push(
            source
                .document(id)?
                .ok_or_else(|| format!("{from}: document {id} vanished"))?,
        );
    }
    Ok(docs)
}
