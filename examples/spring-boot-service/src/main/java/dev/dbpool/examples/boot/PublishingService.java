package dev.dbpool.examples.boot;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The transactional path: an article and its audit row, both or neither. */
@Service
public class PublishingService {

    private final ArticleRepository articles;

    public PublishingService(ArticleRepository articles) {
        this.articles = articles;
    }

    @Transactional
    public Article publish(String title, String body) {
        long id = articles.insert(title, body);
        articles.audit(id, "published");
        return new Article(id, title, body);
    }
}
