"""The article body: the general blocks of `home.blocks` with the shop's PDF offer
and product picks and the newsletter sign-up box."""

from home.blocks import BodyStreamBlock
from newsletters.blocks import NewsletterSignupBlock
from shop.blocks import PdfOfferBlock, ProductsBlock


class ArticleBodyBlock(BodyStreamBlock):
    pdf_offer_block = PdfOfferBlock()
    products_block = ProductsBlock()
    newsletter_block = NewsletterSignupBlock()
