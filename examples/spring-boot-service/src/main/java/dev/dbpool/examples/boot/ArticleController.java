package dev.dbpool.examples.boot;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /articles}, {@code GET /articles/{id}}, {@code POST /articles}. No error handling for the pool: the starter answers 503. */
@RestController
@RequestMapping("/articles")
public class ArticleController {

    /** What {@code POST /articles} takes. */
    public record NewArticle(String title, String body) {
    }

    private final ArticleRepository articles;
    private final PublishingService publishing;

    public ArticleController(ArticleRepository articles, PublishingService publishing) {
        this.articles = articles;
        this.publishing = publishing;
    }

    @GetMapping
    public List<Article> latest(@RequestParam(name = "limit", defaultValue = "10") int limit) {
        return articles.latest(Math.max(1, Math.min(limit, 100)));
    }

    @GetMapping("/{id}")
    public ResponseEntity<Article> one(@PathVariable("id") long id) {
        return ResponseEntity.of(articles.find(id));
    }

    @PostMapping
    public ResponseEntity<Article> publish(@RequestBody NewArticle article) {
        return ResponseEntity.status(HttpStatus.CREATED).body(publishing.publish(article.title(), article.body()));
    }
}
