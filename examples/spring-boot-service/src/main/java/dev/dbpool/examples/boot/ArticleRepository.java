package dev.dbpool.examples.boot;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** Plain {@code JdbcTemplate}: the DataSource under it is the dbpool pool, which this class does not know. */
@Repository
public class ArticleRepository {

    private static final RowMapper<Article> ROW =
            (rs, n) -> new Article(rs.getLong("id"), rs.getString("title"), rs.getString("body"));

    private final JdbcTemplate jdbc;

    public ArticleRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Article> latest(int limit) {
        return jdbc.query("SELECT id, title, body FROM articles ORDER BY id DESC LIMIT ?", ROW, limit);
    }

    public Optional<Article> find(long id) {
        return jdbc.query("SELECT id, title, body FROM articles WHERE id = ?", ROW, id).stream().findFirst();
    }

    public long insert(String title, String body) {
        Long id = jdbc.queryForObject("INSERT INTO articles (title, body) VALUES (?, ?) RETURNING id", Long.class,
                title, body);
        return id == null ? -1 : id;
    }

    public void audit(long articleId, String action) {
        jdbc.update("INSERT INTO article_audit (article_id, action) VALUES (?, ?)", articleId, action);
    }
}
